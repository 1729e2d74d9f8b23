import { crc32, deflateSync } from 'node:zlib'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.js'
import { logIn, logOut, signUp } from './ui-helpers.js'

/** A real PNG (RGB, a horizontal gradient) built here, so the test needs no image file. */
function gradientPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(8)
    head.writeUInt32BE(data.length, 0)
    head.write(type, 4, 'latin1')
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
    return Buffer.concat([head, data, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8 bits, RGB, deflate, no filter, no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1)
    for (let x = 0; x < width; x++) {
      rows.set([Math.round((255 * x) / width), 90, Math.round((255 * y) / height)], row + 1 + x * 3)
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

async function openScreen(page: Page, name: 'Profile' | 'Settings' | 'Network'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible()
}

const PASSWORD = 'correct horse battery'
const NEW_PASSWORD = 'a much longer passphrase'

/** What the person types into the profile, by field label. */
const PROFILE: readonly (readonly [label: string, value: string])[] = [
  ['Display name', 'Alice Liddell'],
  ['Country', 'United Kingdom'],
  ['State or region', 'Oxfordshire'],
  ['Town', 'Oxford'],
  ['Gender', 'female'],
  ['Birthday', '1990-05-04'],
  ['Email', 'alice@example.org'],
  ['Web page', 'https://alice.example.org/about'],
  ['How do you describe yourself', 'Curious.\nFollows white rabbits.'],
]

/** Who sees what, where it differs from the defaults (display name and picture: contacts; the rest: nobody). */
const VISIBILITY: readonly (readonly [label: string, value: 'contacts' | 'nobody'])[] = [
  ['Email visible to', 'contacts'],
  ['Town visible to', 'contacts'],
  ['Birthday visible to', 'contacts'],
  ['How do you describe yourself visible to', 'contacts'],
  ['Display name visible to', 'nobody'],
]

async function expectProfileKept(page: Page): Promise<void> {
  await openScreen(page, 'Profile')
  for (const [label, value] of PROFILE) {
    await expect(page.getByLabel(label, { exact: true })).toHaveValue(value)
  }
  for (const [label, value] of VISIBILITY) {
    await expect(page.getByLabel(label, { exact: true })).toHaveValue(value)
  }
  await expect(page.getByLabel('Web page visible to', { exact: true })).toHaveValue('nobody')
  await expect(page.getByLabel('Picture visible to', { exact: true })).toHaveValue('contacts')
  await expect(page.getByLabel('Username', { exact: true })).toHaveValue('alice')
  await expect(page.getByRole('img', { name: 'Your picture', exact: true })).toBeVisible()
}

test('sign up, log out, log in, fill in the whole profile and find it all again', async ({ browser, peers }) => {
  test.setTimeout(120_000)
  const [peer] = await peers(1)
  if (peer === undefined) throw new Error('one peer expected')
  const page = await (await browser.newContext()).newPage()
  await page.goto(peer.url)

  // a fresh device: the sign-up form at once, with the warning and the live checklist
  await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible()
  await expect(page.getByText(/cannot be recovered/)).toBeVisible()
  const rule = (text: string) => page.getByRole('listitem').filter({ hasText: text })
  await page.getByLabel('Username', { exact: true }).fill('alice')
  await page.getByLabel('Password', { exact: true }).fill('short')
  await expect(rule('at least 10 characters')).toContainText('not yet')
  await expect(rule('both passwords match')).toContainText('not yet')
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await page.getByLabel('Confirm password', { exact: true }).fill(`${PASSWORD}!`)
  await expect(rule('at least 10 characters')).toContainText('done')
  await page.getByRole('button', { name: 'Create account', exact: true }).click()
  await expect(page.getByLabel('Confirm password', { exact: true })).toHaveAccessibleDescription(/do not match/)
  await expect(page.getByLabel('Confirm password', { exact: true })).toHaveAttribute('aria-invalid', 'true')

  await signUp(page, 'alice', PASSWORD)
  await expect(page.getByRole('heading', { level: 1, name: 'Chats', exact: true })).toBeVisible()

  // log out: the account is listed on the start screen
  await logOut(page)
  await expect(
    page.getByRole('list', { name: 'Accounts' }).getByRole('button', { name: 'alice', exact: true }),
  ).toBeVisible()

  // a wrong password is refused and the form stays for another try
  await page.getByRole('list', { name: 'Accounts' }).getByRole('button', { name: 'alice', exact: true }).click()
  await page.getByLabel('Password', { exact: true }).fill('not my password')
  await page.getByRole('button', { name: 'Log in', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText('Wrong password')
  await expect(page.getByLabel('Password', { exact: true })).toBeVisible()
  await logIn(page, 'alice', PASSWORD)

  // fill in every field, choose who sees some of them, add a picture
  await openScreen(page, 'Profile')
  await expect(page.getByLabel('Display name', { exact: true })).toHaveValue('alice')
  for (const [label, value] of PROFILE) {
    await page.getByLabel(label, { exact: true }).fill(value)
  }
  for (const [label, value] of VISIBILITY) {
    await page.getByLabel(label, { exact: true }).selectOption(value)
  }
  await page
    .getByLabel('Picture', { exact: true })
    .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: gradientPng(320, 200) })
  await expect(page.getByRole('img', { name: 'Your picture', exact: true })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'Picture updated' })).toBeVisible()
  await page.getByRole('button', { name: 'Save profile', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Profile saved' })).toBeVisible()

  // the preview shows what contacts get: the visible fields only
  const preview = page.getByTestId('contact-preview')
  await expect(preview).toContainText('alice@example.org')
  await expect(preview).toContainText('Oxford')
  await expect(preview).toContainText('Follows white rabbits.')
  await expect(preview).not.toContainText('Oxfordshire')
  await expect(preview).not.toContainText('alice.example.org')
  await expect(preview).not.toContainText('Alice Liddell')
  await expect(preview.getByRole('img', { name: 'Picture contacts see' })).toBeVisible()

  // a picture that is not an image is refused, and the saved one stays
  await page
    .getByLabel('Picture', { exact: true })
    .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') })
  await expect(page.getByRole('alert')).toContainText('not a picture')
  await page
    .getByLabel('Picture', { exact: true })
    .setInputFiles({ name: 'wide.png', mimeType: 'image/png', buffer: gradientPng(8001, 2) })
  await expect(page.getByRole('alert')).toContainText('at most 8000×8000')
  await expect(page.getByRole('img', { name: 'Your picture', exact: true })).toBeVisible()

  // everything is still there after a reload, and after locking and unlocking again
  await page.reload()
  await expect(page.getByTestId('signed-in-username')).toHaveText('alice')
  await expectProfileKept(page)
  await logOut(page)
  await logIn(page, 'alice', PASSWORD)
  await expectProfileKept(page)

  // bad values get a message beside their own field, and nothing is saved
  await page.getByLabel('Email', { exact: true }).fill('alice at example')
  await page.getByLabel('Web page', { exact: true }).fill('ftp://files.example.org')
  await page.getByLabel('Birthday', { exact: true }).fill('2999-01-01')
  await page.getByRole('button', { name: 'Save profile', exact: true }).click()
  await expect(page.getByLabel('Email', { exact: true })).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByLabel('Email', { exact: true })).toHaveAccessibleDescription(/name@example\.org/)
  await expect(page.getByLabel('Web page', { exact: true })).toHaveAccessibleDescription(/http/)
  await expect(page.getByLabel('Birthday', { exact: true })).toHaveAccessibleDescription(/in the past/)
  await expect(page.getByLabel('Town', { exact: true })).toHaveAttribute('aria-invalid', 'false')
  await expect(page.getByRole('status').filter({ hasText: 'Profile saved' })).toHaveCount(0)
  await page.getByRole('button', { name: 'Discard changes', exact: true }).click()
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue('alice@example.org')

  // the picture can be removed
  await page.getByRole('button', { name: 'Remove picture', exact: true }).click()
  await expect(page.getByRole('img', { name: 'Your picture', exact: true })).toHaveCount(0)
})

test('change the password, export a backup, import it on another device', async ({ browser, peers }) => {
  test.setTimeout(150_000)
  const [home, other] = await peers(2)
  if (home === undefined || other === undefined) throw new Error('two peers expected')
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage()
  await page.goto(home.url)
  await signUp(page, 'carol', PASSWORD)
  await openScreen(page, 'Profile')
  await page.getByLabel('Display name', { exact: true }).fill('Carol Danvers')
  await page.getByRole('button', { name: 'Save profile', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Profile saved' })).toBeVisible()

  // change the password: the wrong current one is refused, the right one works
  await openScreen(page, 'Settings')
  await page.getByLabel('Current password', { exact: true }).fill('not my password')
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD)
  await page.getByLabel('Repeat new password', { exact: true }).fill(NEW_PASSWORD)
  await page.getByRole('button', { name: 'Change password', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText('Wrong password')
  await page.getByLabel('Current password', { exact: true }).fill(PASSWORD)
  await page.getByRole('button', { name: 'Change password', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Password changed' })).toBeVisible()

  // from now on only the new password opens the account
  await logOut(page)
  await page.getByRole('list', { name: 'Accounts' }).getByRole('button', { name: 'carol', exact: true }).click()
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await page.getByRole('button', { name: 'Log in', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText('Wrong password')
  await logIn(page, 'carol', NEW_PASSWORD)

  // export: the password is checked, then the encrypted file is downloaded
  await openScreen(page, 'Settings')
  await expect(page.getByText(/encrypted with this account's password/)).toBeVisible()
  await page.getByLabel('Password for the backup', { exact: true }).fill(PASSWORD)
  await page.getByRole('button', { name: 'Export backup', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText('Wrong password')
  await page.getByLabel('Password for the backup', { exact: true }).fill(NEW_PASSWORD)
  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export backup', exact: true }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^parley-carol-\d{4}-\d{2}-\d{2}\.parley-backup$/)
  const backupPath = await download.path()
  await expect(page.getByRole('status').filter({ hasText: 'Backup saved as' })).toBeVisible()

  // another device: import the backup from the start screen, then log in with the account's password
  const elsewhere = await (await browser.newContext()).newPage()
  await elsewhere.goto(other.url)
  await expect(elsewhere.getByRole('heading', { name: 'Create your account' })).toBeVisible()
  await elsewhere.getByLabel('Backup file', { exact: true }).setInputFiles(backupPath)
  await elsewhere.getByLabel('Backup password', { exact: true }).fill(PASSWORD)
  await elsewhere.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(elsewhere.getByRole('alert')).toContainText('Wrong password')
  await elsewhere.getByLabel('Backup password', { exact: true }).fill(NEW_PASSWORD)
  await elsewhere.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(elsewhere.getByRole('status').filter({ hasText: 'Imported carol' })).toBeVisible()
  await expect(
    elsewhere.getByRole('list', { name: 'Accounts' }).getByRole('button', { name: 'carol', exact: true }),
  ).toBeVisible()
  await logIn(elsewhere, 'carol', NEW_PASSWORD)
  await openScreen(elsewhere, 'Profile')
  await expect(elsewhere.getByLabel('Display name', { exact: true })).toHaveValue('Carol Danvers')

  // the same backup again on that device: it is already there
  await logOut(elsewhere)
  await elsewhere.getByLabel('Backup file', { exact: true }).setInputFiles(backupPath)
  await elsewhere.getByLabel('Backup password', { exact: true }).fill(NEW_PASSWORD)
  await elsewhere.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(elsewhere.getByRole('alert')).toContainText('already on this device')
})

test('lock, then delete the account for good', async ({ browser, peers }) => {
  test.setTimeout(90_000)
  const [peer] = await peers(1)
  if (peer === undefined) throw new Error('one peer expected')
  const page = await (await browser.newContext()).newPage()
  await page.goto(peer.url)
  await signUp(page, 'dave', PASSWORD)

  await openScreen(page, 'Settings')
  await page.getByRole('button', { name: 'Lock now', exact: true }).click()
  await expect(page.getByRole('list', { name: 'Accounts' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0)
  await logIn(page, 'dave', PASSWORD)

  await openScreen(page, 'Settings')
  const remove = page.getByRole('button', { name: 'Delete account forever', exact: true })
  await page.getByLabel('Password to delete', { exact: true }).fill('not my password')
  await expect(remove).toBeDisabled()
  await page.getByLabel('Type your username to confirm', { exact: true }).fill('Dave')
  await expect(remove).toBeDisabled()
  await page.getByLabel('Type your username to confirm', { exact: true }).fill('dave')
  await expect(remove).toBeEnabled()
  await remove.click()
  await expect(page.getByRole('alert')).toContainText('Wrong password')
  await page.getByLabel('Password to delete', { exact: true }).fill(PASSWORD)
  await remove.click()

  // no account is left: the start screen offers sign-up again
  await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible()
  await expect(page.getByRole('list', { name: 'Accounts' })).toHaveCount(0)
})
