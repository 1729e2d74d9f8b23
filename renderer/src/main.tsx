import './zod-jitless.js'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.js'
import { selectClient } from './api/select-client.js'
import { applyTheme, readStoredTheme, systemTheme } from './theme/theme-preference.js'
import './styles/base.css'
import './styles/shell.css'
import './styles/network.css'
import './styles/forms.css'
import './styles/start.css'
import './styles/account.css'
import './styles/contacts.css'
import './styles/chats.css'
import './styles/chat-view.css'
import './styles/composer.css'

// Before the first render: scrub the secret from the address bar, set the theme.
const choice = selectClient()
applyTheme(readStoredTheme() ?? systemTheme())

const container = document.getElementById('root')
if (container === null) {
  throw new Error('index.html has no #root element')
}
createRoot(container).render(
  <StrictMode>
    <App choice={choice} />
  </StrictMode>,
)
