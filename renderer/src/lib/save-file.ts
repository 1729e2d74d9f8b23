/** How long a blob: URL outlives the click that started its download. */
const REVOKE_AFTER_MS = 60_000

/** Hand a file to the browser's (or Electron's) download machinery. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.append(link)
  try {
    link.click()
  } finally {
    link.remove()
    // The download reads the blob asynchronously: revoke the URL a little later, not at once.
    setTimeout(() => {
      URL.revokeObjectURL(url)
    }, REVOKE_AFTER_MS)
  }
}
