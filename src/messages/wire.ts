import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface DmFrame {
  version: number
  type: DmFrame.Type
  envelope?: Envelope
  ack?: Ack
  typing: boolean
}

export namespace DmFrame {
  export enum Type {
    UNKNOWN = 'UNKNOWN',
    ENVELOPE = 'ENVELOPE',
    ACK = 'ACK',
    TYPING = 'TYPING'
  }

  enum __TypeValues {
    UNKNOWN = 0,
    ENVELOPE = 1,
    ACK = 2,
    TYPING = 3
  }

  export namespace Type {
    export const codec = (): Codec<Type> => {
      return enumeration<Type>(__TypeValues)
    }
  }

  let _codec: Codec<DmFrame>

  export const codec = (): Codec<DmFrame> => {
    if (_codec == null) {
      _codec = message<DmFrame>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.type != null && __TypeValues[obj.type] !== 0) {
          w.uint32(16)
          DmFrame.Type.codec().encode(obj.type, w)
        }

        if (obj.envelope != null) {
          w.uint32(26)
          Envelope.codec().encode(obj.envelope, w)
        }

        if (obj.ack != null) {
          w.uint32(34)
          Ack.codec().encode(obj.ack, w)
        }

        if ((obj.typing != null && obj.typing !== false)) {
          w.uint32(40)
          w.bool(obj.typing)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          type: Type.UNKNOWN,
          typing: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.version = reader.uint32()
              break
            }
            case 2: {
              obj.type = DmFrame.Type.codec().decode(reader)
              break
            }
            case 3: {
              obj.envelope = Envelope.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.envelope
              })
              break
            }
            case 4: {
              obj.ack = Ack.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.ack
              })
              break
            }
            case 5: {
              obj.typing = reader.bool()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.type`,
                value: DmFrame.Type.codec().decode(reader)
              }
              break
            }
            case 3: {
              yield * Envelope.codec().stream(reader, reader.uint32(), `${prefix}.envelope`, {
                limits: opts.limits?.envelope
              })

              break
            }
            case 4: {
              yield * Ack.codec().stream(reader, reader.uint32(), `${prefix}.ack`, {
                limits: opts.limits?.ack
              })

              break
            }
            case 5: {
              yield {
                field: `${prefix}.typing`,
                value: reader.bool()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface DmFrameVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface DmFrameTypeFieldEvent {
    field: '$.type'
    value: DmFrame.Type
  }

  export interface DmFrameEnvelopeSessionIdFieldEvent {
    field: '$.envelope.sessionId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DmFrameEnvelopeHeaderFieldEvent {
    field: '$.envelope.header'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DmFrameEnvelopeCiphertextFieldEvent {
    field: '$.envelope.ciphertext'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DmFrameEnvelopeInitIdentityKeyFieldEvent {
    field: '$.envelope.init.identityKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DmFrameEnvelopeInitEphemeralKeyFieldEvent {
    field: '$.envelope.init.ephemeralKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DmFrameEnvelopeInitSignedPrekeyIdFieldEvent {
    field: '$.envelope.init.signedPrekeyId'
    value: number
  }

  export interface DmFrameEnvelopeInitHasOneTimePrekeyFieldEvent {
    field: '$.envelope.init.hasOneTimePrekey'
    value: boolean
  }

  export interface DmFrameEnvelopeInitOneTimePrekeyIdFieldEvent {
    field: '$.envelope.init.oneTimePrekeyId'
    value: number
  }

  export interface DmFrameAckStoredFieldEvent {
    field: '$.ack.stored[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface DmFrameAckRefusedEnvelopeIdFieldEvent {
    field: '$.ack.refused[].envelopeId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface DmFrameAckRefusedPermanentFieldEvent {
    field: '$.ack.refused[].permanent'
    value: boolean
    index: number
  }

  export interface DmFrameAckRefusedReasonFieldEvent {
    field: '$.ack.refused[].reason'
    value: string
    index: number
  }

  export interface DmFrameTypingFieldEvent {
    field: '$.typing'
    value: boolean
  }

  export function encode (obj: Partial<DmFrame>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DmFrame.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DmFrame>): DmFrame {
    return decodeMessage(buf, DmFrame.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DmFrame>): Generator<DmFrameVersionFieldEvent | DmFrameTypeFieldEvent | DmFrameEnvelopeSessionIdFieldEvent | DmFrameEnvelopeHeaderFieldEvent | DmFrameEnvelopeCiphertextFieldEvent | DmFrameEnvelopeInitIdentityKeyFieldEvent | DmFrameEnvelopeInitEphemeralKeyFieldEvent | DmFrameEnvelopeInitSignedPrekeyIdFieldEvent | DmFrameEnvelopeInitHasOneTimePrekeyFieldEvent | DmFrameEnvelopeInitOneTimePrekeyIdFieldEvent | DmFrameAckStoredFieldEvent | DmFrameAckRefusedEnvelopeIdFieldEvent | DmFrameAckRefusedPermanentFieldEvent | DmFrameAckRefusedReasonFieldEvent | DmFrameTypingFieldEvent> {
    return streamMessage(buf, DmFrame.codec(), opts)
  }
}

export interface Envelope {
  sessionId: Uint8Array<ArrayBuffer>
  header: Uint8Array<ArrayBuffer>
  ciphertext: Uint8Array<ArrayBuffer>
  init?: SessionInit
}

export namespace Envelope {
  let _codec: Codec<Envelope>

  export const codec = (): Codec<Envelope> => {
    if (_codec == null) {
      _codec = message<Envelope>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.sessionId != null && obj.sessionId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.sessionId)
        }

        if ((obj.header != null && obj.header.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.header)
        }

        if ((obj.ciphertext != null && obj.ciphertext.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.ciphertext)
        }

        if (obj.init != null) {
          w.uint32(34)
          SessionInit.codec().encode(obj.init, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          sessionId: uint8ArrayAlloc(0),
          header: uint8ArrayAlloc(0),
          ciphertext: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.sessionId = reader.bytes()
              break
            }
            case 2: {
              obj.header = reader.bytes()
              break
            }
            case 3: {
              obj.ciphertext = reader.bytes()
              break
            }
            case 4: {
              obj.init = SessionInit.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.init
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.sessionId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.header`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.ciphertext`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield * SessionInit.codec().stream(reader, reader.uint32(), `${prefix}.init`, {
                limits: opts.limits?.init
              })

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface EnvelopeSessionIdFieldEvent {
    field: '$.sessionId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EnvelopeHeaderFieldEvent {
    field: '$.header'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EnvelopeCiphertextFieldEvent {
    field: '$.ciphertext'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EnvelopeInitIdentityKeyFieldEvent {
    field: '$.init.identityKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EnvelopeInitEphemeralKeyFieldEvent {
    field: '$.init.ephemeralKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EnvelopeInitSignedPrekeyIdFieldEvent {
    field: '$.init.signedPrekeyId'
    value: number
  }

  export interface EnvelopeInitHasOneTimePrekeyFieldEvent {
    field: '$.init.hasOneTimePrekey'
    value: boolean
  }

  export interface EnvelopeInitOneTimePrekeyIdFieldEvent {
    field: '$.init.oneTimePrekeyId'
    value: number
  }

  export function encode (obj: Partial<Envelope>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Envelope.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Envelope>): Envelope {
    return decodeMessage(buf, Envelope.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Envelope>): Generator<EnvelopeSessionIdFieldEvent | EnvelopeHeaderFieldEvent | EnvelopeCiphertextFieldEvent | EnvelopeInitIdentityKeyFieldEvent | EnvelopeInitEphemeralKeyFieldEvent | EnvelopeInitSignedPrekeyIdFieldEvent | EnvelopeInitHasOneTimePrekeyFieldEvent | EnvelopeInitOneTimePrekeyIdFieldEvent> {
    return streamMessage(buf, Envelope.codec(), opts)
  }
}

export interface SessionInit {
  identityKey: Uint8Array<ArrayBuffer>
  ephemeralKey: Uint8Array<ArrayBuffer>
  signedPrekeyId: number
  hasOneTimePrekey: boolean
  oneTimePrekeyId: number
}

export namespace SessionInit {
  let _codec: Codec<SessionInit>

  export const codec = (): Codec<SessionInit> => {
    if (_codec == null) {
      _codec = message<SessionInit>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.identityKey != null && obj.identityKey.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.identityKey)
        }

        if ((obj.ephemeralKey != null && obj.ephemeralKey.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.ephemeralKey)
        }

        if ((obj.signedPrekeyId != null && obj.signedPrekeyId !== 0)) {
          w.uint32(24)
          w.uint32(obj.signedPrekeyId)
        }

        if ((obj.hasOneTimePrekey != null && obj.hasOneTimePrekey !== false)) {
          w.uint32(32)
          w.bool(obj.hasOneTimePrekey)
        }

        if ((obj.oneTimePrekeyId != null && obj.oneTimePrekeyId !== 0)) {
          w.uint32(40)
          w.uint32(obj.oneTimePrekeyId)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          identityKey: uint8ArrayAlloc(0),
          ephemeralKey: uint8ArrayAlloc(0),
          signedPrekeyId: 0,
          hasOneTimePrekey: false,
          oneTimePrekeyId: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.identityKey = reader.bytes()
              break
            }
            case 2: {
              obj.ephemeralKey = reader.bytes()
              break
            }
            case 3: {
              obj.signedPrekeyId = reader.uint32()
              break
            }
            case 4: {
              obj.hasOneTimePrekey = reader.bool()
              break
            }
            case 5: {
              obj.oneTimePrekeyId = reader.uint32()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.identityKey`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.ephemeralKey`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.signedPrekeyId`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.hasOneTimePrekey`,
                value: reader.bool()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.oneTimePrekeyId`,
                value: reader.uint32()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface SessionInitIdentityKeyFieldEvent {
    field: '$.identityKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionInitEphemeralKeyFieldEvent {
    field: '$.ephemeralKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionInitSignedPrekeyIdFieldEvent {
    field: '$.signedPrekeyId'
    value: number
  }

  export interface SessionInitHasOneTimePrekeyFieldEvent {
    field: '$.hasOneTimePrekey'
    value: boolean
  }

  export interface SessionInitOneTimePrekeyIdFieldEvent {
    field: '$.oneTimePrekeyId'
    value: number
  }

  export function encode (obj: Partial<SessionInit>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SessionInit.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SessionInit>): SessionInit {
    return decodeMessage(buf, SessionInit.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SessionInit>): Generator<SessionInitIdentityKeyFieldEvent | SessionInitEphemeralKeyFieldEvent | SessionInitSignedPrekeyIdFieldEvent | SessionInitHasOneTimePrekeyFieldEvent | SessionInitOneTimePrekeyIdFieldEvent> {
    return streamMessage(buf, SessionInit.codec(), opts)
  }
}

export interface Ack {
  stored: Uint8Array<ArrayBuffer>[]
  refused: Refusal[]
}

export namespace Ack {
  let _codec: Codec<Ack>

  export const codec = (): Codec<Ack> => {
    if (_codec == null) {
      _codec = message<Ack>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.stored != null && obj.stored.length > 0) {
          for (const value of obj.stored) {
            w.uint32(10)
            w.bytes(value)
          }
        }

        if (obj.refused != null && obj.refused.length > 0) {
          for (const value of obj.refused) {
            w.uint32(18)
            Refusal.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          stored: [],
          refused: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.stored != null && obj.stored.length === opts.limits.stored) {
                throw new MaxLengthError('Decode error - repeated field "stored" had too many elements')
              }

              obj.stored.push(reader.bytes())
              break
            }
            case 2: {
              if (opts.limits?.refused != null && obj.refused.length === opts.limits.refused) {
                throw new MaxLengthError('Decode error - repeated field "refused" had too many elements')
              }

              obj.refused.push(Refusal.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.refused$
              }))
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          stored: 0,
          refused: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.stored != null && obj.stored === opts.limits.stored) {
                throw new MaxLengthError('Streaming decode error - repeated field "stored" had too many elements')
              }

              yield {
                field: `${prefix}.stored[]`,
                index: obj.stored,
                value: reader.bytes()
              }

              obj.stored++

              break
            }
            case 2: {
              if (opts.limits?.refused != null && obj.refused === opts.limits.refused) {
                throw new MaxLengthError('Streaming decode error - repeated field "refused" had too many elements')
              }

              for (const evt of Refusal.codec().stream(reader, reader.uint32(), `${prefix}.refused[]`, {
                limits: opts.limits?.refused$
              })) {
                yield {
                  ...evt,
                  index: obj.refused
                }
              }

              obj.refused++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface AckStoredFieldEvent {
    field: '$.stored[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface AckRefusedEnvelopeIdFieldEvent {
    field: '$.refused[].envelopeId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface AckRefusedPermanentFieldEvent {
    field: '$.refused[].permanent'
    value: boolean
    index: number
  }

  export interface AckRefusedReasonFieldEvent {
    field: '$.refused[].reason'
    value: string
    index: number
  }

  export function encode (obj: Partial<Ack>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Ack.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Ack>): Ack {
    return decodeMessage(buf, Ack.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Ack>): Generator<AckStoredFieldEvent | AckRefusedEnvelopeIdFieldEvent | AckRefusedPermanentFieldEvent | AckRefusedReasonFieldEvent> {
    return streamMessage(buf, Ack.codec(), opts)
  }
}

export interface Refusal {
  envelopeId: Uint8Array<ArrayBuffer>
  permanent: boolean
  reason: string
}

export namespace Refusal {
  let _codec: Codec<Refusal>

  export const codec = (): Codec<Refusal> => {
    if (_codec == null) {
      _codec = message<Refusal>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.envelopeId != null && obj.envelopeId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.envelopeId)
        }

        if ((obj.permanent != null && obj.permanent !== false)) {
          w.uint32(16)
          w.bool(obj.permanent)
        }

        if ((obj.reason != null && obj.reason !== '')) {
          w.uint32(26)
          w.string(obj.reason)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          envelopeId: uint8ArrayAlloc(0),
          permanent: false,
          reason: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.envelopeId = reader.bytes()
              break
            }
            case 2: {
              obj.permanent = reader.bool()
              break
            }
            case 3: {
              obj.reason = reader.string()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.envelopeId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.permanent`,
                value: reader.bool()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.reason`,
                value: reader.string()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface RefusalEnvelopeIdFieldEvent {
    field: '$.envelopeId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RefusalPermanentFieldEvent {
    field: '$.permanent'
    value: boolean
  }

  export interface RefusalReasonFieldEvent {
    field: '$.reason'
    value: string
  }

  export function encode (obj: Partial<Refusal>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Refusal.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Refusal>): Refusal {
    return decodeMessage(buf, Refusal.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Refusal>): Generator<RefusalEnvelopeIdFieldEvent | RefusalPermanentFieldEvent | RefusalReasonFieldEvent> {
    return streamMessage(buf, Refusal.codec(), opts)
  }
}

export interface Content {
  version: number
  kind: Content.Kind
  seq: bigint
  sentAt: bigint
  text: string
  target: Uint8Array<ArrayBuffer>
  reaction: string
  upTo: bigint
  from: bigint
  padding: Uint8Array<ArrayBuffer>
}

export namespace Content {
  export enum Kind {
    UNKNOWN = 'UNKNOWN',
    TEXT = 'TEXT',
    EDIT = 'EDIT',
    DELETE = 'DELETE',
    REACTION = 'REACTION',
    READ = 'READ',
    RESEND = 'RESEND'
  }

  enum __KindValues {
    UNKNOWN = 0,
    TEXT = 1,
    EDIT = 2,
    DELETE = 3,
    REACTION = 4,
    READ = 5,
    RESEND = 6
  }

  export namespace Kind {
    export const codec = (): Codec<Kind> => {
      return enumeration<Kind>(__KindValues)
    }
  }

  let _codec: Codec<Content>

  export const codec = (): Codec<Content> => {
    if (_codec == null) {
      _codec = message<Content>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.kind != null && __KindValues[obj.kind] !== 0) {
          w.uint32(16)
          Content.Kind.codec().encode(obj.kind, w)
        }

        if ((obj.seq != null && obj.seq !== 0n)) {
          w.uint32(24)
          w.uint64(obj.seq)
        }

        if ((obj.sentAt != null && obj.sentAt !== 0n)) {
          w.uint32(32)
          w.uint64(obj.sentAt)
        }

        if ((obj.text != null && obj.text !== '')) {
          w.uint32(42)
          w.string(obj.text)
        }

        if ((obj.target != null && obj.target.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.target)
        }

        if ((obj.reaction != null && obj.reaction !== '')) {
          w.uint32(58)
          w.string(obj.reaction)
        }

        if ((obj.upTo != null && obj.upTo !== 0n)) {
          w.uint32(64)
          w.uint64(obj.upTo)
        }

        if ((obj.from != null && obj.from !== 0n)) {
          w.uint32(72)
          w.uint64(obj.from)
        }

        if ((obj.padding != null && obj.padding.byteLength > 0)) {
          w.uint32(122)
          w.bytes(obj.padding)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          kind: Kind.UNKNOWN,
          seq: 0n,
          sentAt: 0n,
          text: '',
          target: uint8ArrayAlloc(0),
          reaction: '',
          upTo: 0n,
          from: 0n,
          padding: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.version = reader.uint32()
              break
            }
            case 2: {
              obj.kind = Content.Kind.codec().decode(reader)
              break
            }
            case 3: {
              obj.seq = reader.uint64()
              break
            }
            case 4: {
              obj.sentAt = reader.uint64()
              break
            }
            case 5: {
              obj.text = reader.string()
              break
            }
            case 6: {
              obj.target = reader.bytes()
              break
            }
            case 7: {
              obj.reaction = reader.string()
              break
            }
            case 8: {
              obj.upTo = reader.uint64()
              break
            }
            case 9: {
              obj.from = reader.uint64()
              break
            }
            case 15: {
              obj.padding = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.kind`,
                value: Content.Kind.codec().decode(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.seq`,
                value: reader.uint64()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.sentAt`,
                value: reader.uint64()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.text`,
                value: reader.string()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.target`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.reaction`,
                value: reader.string()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.upTo`,
                value: reader.uint64()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.from`,
                value: reader.uint64()
              }
              break
            }
            case 15: {
              yield {
                field: `${prefix}.padding`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ContentVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface ContentKindFieldEvent {
    field: '$.kind'
    value: Content.Kind
  }

  export interface ContentSeqFieldEvent {
    field: '$.seq'
    value: bigint
  }

  export interface ContentSentAtFieldEvent {
    field: '$.sentAt'
    value: bigint
  }

  export interface ContentTextFieldEvent {
    field: '$.text'
    value: string
  }

  export interface ContentTargetFieldEvent {
    field: '$.target'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContentReactionFieldEvent {
    field: '$.reaction'
    value: string
  }

  export interface ContentUpToFieldEvent {
    field: '$.upTo'
    value: bigint
  }

  export interface ContentFromFieldEvent {
    field: '$.from'
    value: bigint
  }

  export interface ContentPaddingFieldEvent {
    field: '$.padding'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Content>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Content.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Content>): Content {
    return decodeMessage(buf, Content.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Content>): Generator<ContentVersionFieldEvent | ContentKindFieldEvent | ContentSeqFieldEvent | ContentSentAtFieldEvent | ContentTextFieldEvent | ContentTargetFieldEvent | ContentReactionFieldEvent | ContentUpToFieldEvent | ContentFromFieldEvent | ContentPaddingFieldEvent> {
    return streamMessage(buf, Content.codec(), opts)
  }
}
