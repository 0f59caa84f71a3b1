import type { NextraConfig } from 'nextra'

export declare const mdxOptions: NonNullable<NextraConfig['mdxOptions']>
