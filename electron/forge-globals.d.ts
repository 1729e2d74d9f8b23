/**
 * Constants Forge's Vite plugin defines in the main bundle (name `main_window`
 * in forge.config.ts). They do not exist in the tsc build: read them through `typeof`.
 */
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined
declare const MAIN_WINDOW_VITE_NAME: string | undefined
