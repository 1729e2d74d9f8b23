/** The only two IPC channels between the preload and the main process. */
export const INVOKE_CHANNEL = 'parley:invoke'
export const EVENT_CHANNEL = 'parley:event'
