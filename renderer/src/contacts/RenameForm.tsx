import { useState, type ReactNode } from 'react'
import { CONTACT_NAME_MAX, type Contact } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { Form } from '../components/Form.js'
import { FormActions } from '../components/FormActions.js'
import { Notice } from '../components/Notice.js'
import { TextField } from '../components/TextField.js'
import { describeError } from '../lib/describe-error.js'
import { useContactBook } from './contact-book.js'
import { profileName } from './contact-labels.js'

type Outcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working' }
  | { readonly kind: 'saved' }
  | { readonly kind: 'failed'; readonly message: string }

/** The name this device shows for a contact; empty goes back to the name they chose. */
export function RenameForm({ contact }: { readonly contact: Contact }): ReactNode {
  const client = useClient()
  const book = useContactBook()
  const [name, setName] = useState(contact.localName ?? '')
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' })
  const working = outcome.kind === 'working'
  const theirName = profileName(contact.profile, contact.peerId)

  const rename = async (): Promise<void> => {
    setOutcome({ kind: 'working' })
    const result = await client.invoke('renameContact', { peerId: contact.peerId, name: name.trim() })
    if (result.ok) {
      book.acceptContact(result.value)
      setName(result.value.localName ?? '')
      setOutcome({ kind: 'saved' })
    } else {
      setOutcome({ kind: 'failed', message: result.error.fields?.name ?? describeError(result.error) })
    }
  }

  return (
    <section className="card" aria-labelledby="rename-heading">
      <h2 id="rename-heading" className="card__title">
        Local name
      </h2>
      <Form label={`Rename ${contact.name}`} busy={working} onSubmit={() => void rename()}>
        <TextField
          id="contact-local-name"
          label="Name on this device"
          maxLength={CONTACT_NAME_MAX}
          autoComplete="off"
          placeholder={theirName}
          value={name}
          onValueChange={(value) => {
            setName(value)
            if (outcome.kind !== 'working') {
              setOutcome({ kind: 'idle' })
            }
          }}
          readOnly={working}
          hint={`Only you see it. Leave it empty to use the name they chose: ${theirName}.`}
        />
        {outcome.kind === 'failed' && <Notice tone="error">Could not rename: {outcome.message}</Notice>}
        <FormActions submit="Rename" busyText="Renaming…" busy={working}>
          {outcome.kind === 'saved' && (
            <span role="status" className="form__done">
              Saved
            </span>
          )}
        </FormActions>
      </Form>
    </section>
  )
}
