import type { Page } from '@playwright/test'
import { expect } from './fixtures.js'

/** The shell is up: its main navigation and a screen heading are on the page. */
async function expectShell(page: Page, username: string): Promise<void> {
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible({ timeout: 30_000 })
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible()
  await expect(page.getByTestId('signed-in-username')).toHaveText(username)
}

/**
 * Create an account from the start screen (the sign-up form shows by itself
 * on a fresh peer; otherwise "Create a new account" opens it) and wait for the
 * shell. Creating an account runs the password KDF: it takes a few seconds.
 */
export async function signUp(page: Page, username: string, password: string): Promise<void> {
  const heading = page.getByRole('heading', { name: 'Create your account' })
  const create = page.getByRole('button', { name: 'Create a new account' })
  await expect(heading.or(create)).toBeVisible()
  if (!(await heading.isVisible())) await create.click()
  await page.getByLabel('Username', { exact: true }).fill(username)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByLabel('Confirm password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Create account', exact: true }).click()
  await expectShell(page, username)
}

/** Choose the account in the start screen's list, type its password and wait for the shell. */
export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByRole('list', { name: 'Accounts' }).getByRole('button', { name: username, exact: true }).click()
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Log in', exact: true }).click()
  await expectShell(page, username)
}

/** Log out from the sidebar and wait for the start screen's account list. */
export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log out', exact: true }).click()
  await expect(page.getByRole('list', { name: 'Accounts' })).toBeVisible()
}
