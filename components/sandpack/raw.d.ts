/** `import code from './file?raw'`: the file's text, for a sandbox to show and run. */
declare module '*?raw' {
  const content: string
  export default content
}
