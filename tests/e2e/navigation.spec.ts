import { expect, test } from '@playwright/test'

import { typeUntilShown } from '../support/search'

test('the sidebar leads from one chapter to another', async ({ page }) => {
  await page.goto('/guide/how-it-works')
  await page.locator('aside').getByRole('link', { name: 'Setup' }).click()
  await expect(page).toHaveURL(/\/guide\/setup$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Setup' })).toBeVisible()
})

test('on a phone, the menu button opens the sidebar and it navigates @phone-only', async ({
  page,
}) => {
  await page.goto('/')
  await page.getByRole('button', { name: 'Menu' }).click()
  await page.locator('aside').getByRole('link', { name: 'Setup' }).click()
  await expect(page).toHaveURL(/\/guide\/setup$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Setup' })).toBeVisible()
})

test('search finds a chapter by a word that only appears in its body', async ({ page }) => {
  await page.goto('/')
  const search = page.getByPlaceholder('Search the handbook…').first()
  const result = page.getByRole('option').filter({ hasText: 'openssl' }).first()
  await search.click()
  await typeUntilShown(search, 'openssl', result)
  await expect(result).toHaveAttribute('href', /^\/guide\/setup#/)
  await result.click()
  await expect(page).toHaveURL(/\/guide\/setup#/)
  await expect(page.getByRole('heading', { level: 1, name: 'Setup' })).toBeVisible()
})

test('dark mode can be switched on and survives a reload', async ({ page }) => {
  await page.goto('/')
  const html = page.locator('html')
  const themeSwitch = page.getByRole('combobox', { name: 'Change theme' }).first()
  await themeSwitch.selectOption('dark')
  await expect(html).toHaveClass(/\bdark\b/)
  await expect(page.getByTitle('Change theme').first()).toContainText('Dark')
  await page.reload()
  await expect(html).toHaveClass(/\bdark\b/)
  await expect(themeSwitch).toHaveValue('dark')
  await themeSwitch.selectOption('light')
  await expect(html).not.toHaveClass(/\bdark\b/)
})

test('on a phone, the theme is switched from the menu @phone-only', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('button', { name: 'Menu' }).click()
  const themeSwitch = page.getByRole('combobox', { name: 'Change theme' }).locator('visible=true')
  await themeSwitch.first().selectOption('dark')
  await expect(page.locator('html')).toHaveClass(/\bdark\b/)
})
