import './zod-jitless.js'
import './i18n/i18n.js'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.js'
import { selectClient } from './api/select-client.js'
import { takeLinkToken } from './api/web-session.js'
import { applyTheme, readStoredTheme, systemTheme } from './theme/theme-preference.js'
import './styles/base.css'
import './styles/emoji.css'
import './styles/shell.css'
import './styles/network.css'
import './styles/forms.css'
import './styles/start.css'
import './styles/account.css'
import './styles/contacts.css'
import './styles/chats.css'
import './styles/chat-view.css'
import './styles/composer.css'

// Before anything else: take the link's token out of the address bar, set the theme.
const linkToken = takeLinkToken()
applyTheme(readStoredTheme() ?? systemTheme())

const container = document.getElementById('root')
if (container === null) {
  throw new Error('index.html has no #root element')
}
const root = createRoot(container)
// signing in is one request to the host that served this page
void selectClient(linkToken).then((choice) => {
  root.render(
    <StrictMode>
      <App choice={choice} />
    </StrictMode>,
  )
})
