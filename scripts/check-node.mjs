import process from 'node:process'

// Parley needs Node 22 (the Node inside Electron; libp2p 3 relies on it). Say so plainly.
const major = Number(process.versions.node.split('.')[0])
if (major < 22) {
  process.stderr.write(
    `Parley needs Node.js 22 or newer; this is ${process.version}. ` +
      'Install Node 22 (or run "bash .ci/run", which fetches one from the npm registry).\n',
  )
  process.exit(1)
}
