import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface Invite {
  version: number
  inviteId: Uint8Array<ArrayBuffer>
  identityKey: Uint8Array<ArrayBuffer>
  agreementKey: Uint8Array<ArrayBuffer>
  signedPrekeyId: number
  signedPrekey: Uint8Array<ArrayBuffer>
  signedPrekeySignature: Uint8Array<ArrayBuffer>
  oneTimePrekeyId: number
  oneTimePrekey: Uint8Array<ArrayBuffer>
  addresses: Uint8Array<ArrayBuffer>[]
  displayName: string
  createdAt: bigint
  expiresAt: bigint
  secret: Uint8Array<ArrayBuffer>
}

export namespace Invite {
  let _codec: Codec<Invite>

  export const codec = (): Codec<Invite> => {
    if (_codec == null) {
      _codec = message<Invite>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.inviteId != null && obj.inviteId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.inviteId)
        }

        if ((obj.identityKey != null && obj.identityKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.identityKey)
        }

        if ((obj.agreementKey != null && obj.agreementKey.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.agreementKey)
        }

        if ((obj.signedPrekeyId != null && obj.signedPrekeyId !== 0)) {
          w.uint32(40)
          w.uint32(obj.signedPrekeyId)
        }

        if ((obj.signedPrekey != null && obj.signedPrekey.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.signedPrekey)
        }

        if ((obj.signedPrekeySignature != null && obj.signedPrekeySignature.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.signedPrekeySignature)
        }

        if ((obj.oneTimePrekeyId != null && obj.oneTimePrekeyId !== 0)) {
          w.uint32(64)
          w.uint32(obj.oneTimePrekeyId)
        }

        if ((obj.oneTimePrekey != null && obj.oneTimePrekey.byteLength > 0)) {
          w.uint32(74)
          w.bytes(obj.oneTimePrekey)
        }

        if (obj.addresses != null && obj.addresses.length > 0) {
          for (const value of obj.addresses) {
            w.uint32(82)
            w.bytes(value)
          }
        }

        if ((obj.displayName != null && obj.displayName !== '')) {
          w.uint32(90)
          w.string(obj.displayName)
        }

        if ((obj.createdAt != null && obj.createdAt !== 0n)) {
          w.uint32(96)
          w.uint64(obj.createdAt)
        }

        if ((obj.expiresAt != null && obj.expiresAt !== 0n)) {
          w.uint32(104)
          w.uint64(obj.expiresAt)
        }

        if ((obj.secret != null && obj.secret.byteLength > 0)) {
          w.uint32(114)
          w.bytes(obj.secret)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          inviteId: uint8ArrayAlloc(0),
          identityKey: uint8ArrayAlloc(0),
          agreementKey: uint8ArrayAlloc(0),
          signedPrekeyId: 0,
          signedPrekey: uint8ArrayAlloc(0),
          signedPrekeySignature: uint8ArrayAlloc(0),
          oneTimePrekeyId: 0,
          oneTimePrekey: uint8ArrayAlloc(0),
          addresses: [],
          displayName: '',
          createdAt: 0n,
          expiresAt: 0n,
          secret: uint8ArrayAlloc(0)
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
              obj.inviteId = reader.bytes()
              break
            }
            case 3: {
              obj.identityKey = reader.bytes()
              break
            }
            case 4: {
              obj.agreementKey = reader.bytes()
              break
            }
            case 5: {
              obj.signedPrekeyId = reader.uint32()
              break
            }
            case 6: {
              obj.signedPrekey = reader.bytes()
              break
            }
            case 7: {
              obj.signedPrekeySignature = reader.bytes()
              break
            }
            case 8: {
              obj.oneTimePrekeyId = reader.uint32()
              break
            }
            case 9: {
              obj.oneTimePrekey = reader.bytes()
              break
            }
            case 10: {
              if (opts.limits?.addresses != null && obj.addresses.length === opts.limits.addresses) {
                throw new MaxLengthError('Decode error - repeated field "addresses" had too many elements')
              }

              obj.addresses.push(reader.bytes())
              break
            }
            case 11: {
              obj.displayName = reader.string()
              break
            }
            case 12: {
              obj.createdAt = reader.uint64()
              break
            }
            case 13: {
              obj.expiresAt = reader.uint64()
              break
            }
            case 14: {
              obj.secret = reader.bytes()
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
          addresses: 0
        }

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
                field: `${prefix}.inviteId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.identityKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.agreementKey`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.signedPrekeyId`,
                value: reader.uint32()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.signedPrekey`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.signedPrekeySignature`,
                value: reader.bytes()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.oneTimePrekeyId`,
                value: reader.uint32()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.oneTimePrekey`,
                value: reader.bytes()
              }
              break
            }
            case 10: {
              if (opts.limits?.addresses != null && obj.addresses === opts.limits.addresses) {
                throw new MaxLengthError('Streaming decode error - repeated field "addresses" had too many elements')
              }

              yield {
                field: `${prefix}.addresses[]`,
                index: obj.addresses,
                value: reader.bytes()
              }

              obj.addresses++

              break
            }
            case 11: {
              yield {
                field: `${prefix}.displayName`,
                value: reader.string()
              }
              break
            }
            case 12: {
              yield {
                field: `${prefix}.createdAt`,
                value: reader.uint64()
              }
              break
            }
            case 13: {
              yield {
                field: `${prefix}.expiresAt`,
                value: reader.uint64()
              }
              break
            }
            case 14: {
              yield {
                field: `${prefix}.secret`,
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

  export interface InviteVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface InviteInviteIdFieldEvent {
    field: '$.inviteId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface InviteIdentityKeyFieldEvent {
    field: '$.identityKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface InviteAgreementKeyFieldEvent {
    field: '$.agreementKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface InviteSignedPrekeyIdFieldEvent {
    field: '$.signedPrekeyId'
    value: number
  }

  export interface InviteSignedPrekeyFieldEvent {
    field: '$.signedPrekey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface InviteSignedPrekeySignatureFieldEvent {
    field: '$.signedPrekeySignature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface InviteOneTimePrekeyIdFieldEvent {
    field: '$.oneTimePrekeyId'
    value: number
  }

  export interface InviteOneTimePrekeyFieldEvent {
    field: '$.oneTimePrekey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface InviteAddressesFieldEvent {
    field: '$.addresses[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface InviteDisplayNameFieldEvent {
    field: '$.displayName'
    value: string
  }

  export interface InviteCreatedAtFieldEvent {
    field: '$.createdAt'
    value: bigint
  }

  export interface InviteExpiresAtFieldEvent {
    field: '$.expiresAt'
    value: bigint
  }

  export interface InviteSecretFieldEvent {
    field: '$.secret'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Invite>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Invite.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Invite>): Invite {
    return decodeMessage(buf, Invite.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Invite>): Generator<InviteVersionFieldEvent | InviteInviteIdFieldEvent | InviteIdentityKeyFieldEvent | InviteAgreementKeyFieldEvent | InviteSignedPrekeyIdFieldEvent | InviteSignedPrekeyFieldEvent | InviteSignedPrekeySignatureFieldEvent | InviteOneTimePrekeyIdFieldEvent | InviteOneTimePrekeyFieldEvent | InviteAddressesFieldEvent | InviteDisplayNameFieldEvent | InviteCreatedAtFieldEvent | InviteExpiresAtFieldEvent | InviteSecretFieldEvent> {
    return streamMessage(buf, Invite.codec(), opts)
  }
}

export interface SignedInvite {
  invite: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace SignedInvite {
  let _codec: Codec<SignedInvite>

  export const codec = (): Codec<SignedInvite> => {
    if (_codec == null) {
      _codec = message<SignedInvite>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.invite != null && obj.invite.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.invite)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          invite: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.invite = reader.bytes()
              break
            }
            case 2: {
              obj.signature = reader.bytes()
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
                field: `${prefix}.invite`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.signature`,
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

  export interface SignedInviteInviteFieldEvent {
    field: '$.invite'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SignedInviteSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SignedInvite>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SignedInvite.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedInvite>): SignedInvite {
    return decodeMessage(buf, SignedInvite.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedInvite>): Generator<SignedInviteInviteFieldEvent | SignedInviteSignatureFieldEvent> {
    return streamMessage(buf, SignedInvite.codec(), opts)
  }
}

export interface ContactMessage {
  version: number
  type: ContactMessage.Type
  inviteId: Uint8Array<ArrayBuffer>
  inviteSecret: Uint8Array<ArrayBuffer>
  message: string
  profileDocument: string
  profileSignature: Uint8Array<ArrayBuffer>
  signedPrekeyId: number
  signedPrekey: Uint8Array<ArrayBuffer>
  signedPrekeySignature: Uint8Array<ArrayBuffer>
  oneTimePrekeyId: number
  oneTimePrekey: Uint8Array<ArrayBuffer>
}

export namespace ContactMessage {
  export enum Type {
    UNKNOWN = 'UNKNOWN',
    REQUEST = 'REQUEST',
    ACCEPT = 'ACCEPT',
    DECLINE = 'DECLINE',
    PROFILE = 'PROFILE'
  }

  enum __TypeValues {
    UNKNOWN = 0,
    REQUEST = 1,
    ACCEPT = 2,
    DECLINE = 3,
    PROFILE = 4
  }

  export namespace Type {
    export const codec = (): Codec<Type> => {
      return enumeration<Type>(__TypeValues)
    }
  }

  let _codec: Codec<ContactMessage>

  export const codec = (): Codec<ContactMessage> => {
    if (_codec == null) {
      _codec = message<ContactMessage>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.type != null && __TypeValues[obj.type] !== 0) {
          w.uint32(16)
          ContactMessage.Type.codec().encode(obj.type, w)
        }

        if ((obj.inviteId != null && obj.inviteId.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.inviteId)
        }

        if ((obj.inviteSecret != null && obj.inviteSecret.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.inviteSecret)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(42)
          w.string(obj.message)
        }

        if ((obj.profileDocument != null && obj.profileDocument !== '')) {
          w.uint32(50)
          w.string(obj.profileDocument)
        }

        if ((obj.profileSignature != null && obj.profileSignature.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.profileSignature)
        }

        if ((obj.signedPrekeyId != null && obj.signedPrekeyId !== 0)) {
          w.uint32(64)
          w.uint32(obj.signedPrekeyId)
        }

        if ((obj.signedPrekey != null && obj.signedPrekey.byteLength > 0)) {
          w.uint32(74)
          w.bytes(obj.signedPrekey)
        }

        if ((obj.signedPrekeySignature != null && obj.signedPrekeySignature.byteLength > 0)) {
          w.uint32(82)
          w.bytes(obj.signedPrekeySignature)
        }

        if ((obj.oneTimePrekeyId != null && obj.oneTimePrekeyId !== 0)) {
          w.uint32(88)
          w.uint32(obj.oneTimePrekeyId)
        }

        if ((obj.oneTimePrekey != null && obj.oneTimePrekey.byteLength > 0)) {
          w.uint32(98)
          w.bytes(obj.oneTimePrekey)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          type: Type.UNKNOWN,
          inviteId: uint8ArrayAlloc(0),
          inviteSecret: uint8ArrayAlloc(0),
          message: '',
          profileDocument: '',
          profileSignature: uint8ArrayAlloc(0),
          signedPrekeyId: 0,
          signedPrekey: uint8ArrayAlloc(0),
          signedPrekeySignature: uint8ArrayAlloc(0),
          oneTimePrekeyId: 0,
          oneTimePrekey: uint8ArrayAlloc(0)
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
              obj.type = ContactMessage.Type.codec().decode(reader)
              break
            }
            case 3: {
              obj.inviteId = reader.bytes()
              break
            }
            case 4: {
              obj.inviteSecret = reader.bytes()
              break
            }
            case 5: {
              obj.message = reader.string()
              break
            }
            case 6: {
              obj.profileDocument = reader.string()
              break
            }
            case 7: {
              obj.profileSignature = reader.bytes()
              break
            }
            case 8: {
              obj.signedPrekeyId = reader.uint32()
              break
            }
            case 9: {
              obj.signedPrekey = reader.bytes()
              break
            }
            case 10: {
              obj.signedPrekeySignature = reader.bytes()
              break
            }
            case 11: {
              obj.oneTimePrekeyId = reader.uint32()
              break
            }
            case 12: {
              obj.oneTimePrekey = reader.bytes()
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
                value: ContactMessage.Type.codec().decode(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.inviteId`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.inviteSecret`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.message`,
                value: reader.string()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.profileDocument`,
                value: reader.string()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.profileSignature`,
                value: reader.bytes()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.signedPrekeyId`,
                value: reader.uint32()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.signedPrekey`,
                value: reader.bytes()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.signedPrekeySignature`,
                value: reader.bytes()
              }
              break
            }
            case 11: {
              yield {
                field: `${prefix}.oneTimePrekeyId`,
                value: reader.uint32()
              }
              break
            }
            case 12: {
              yield {
                field: `${prefix}.oneTimePrekey`,
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

  export interface ContactMessageVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface ContactMessageTypeFieldEvent {
    field: '$.type'
    value: ContactMessage.Type
  }

  export interface ContactMessageInviteIdFieldEvent {
    field: '$.inviteId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContactMessageInviteSecretFieldEvent {
    field: '$.inviteSecret'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContactMessageMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export interface ContactMessageProfileDocumentFieldEvent {
    field: '$.profileDocument'
    value: string
  }

  export interface ContactMessageProfileSignatureFieldEvent {
    field: '$.profileSignature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContactMessageSignedPrekeyIdFieldEvent {
    field: '$.signedPrekeyId'
    value: number
  }

  export interface ContactMessageSignedPrekeyFieldEvent {
    field: '$.signedPrekey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContactMessageSignedPrekeySignatureFieldEvent {
    field: '$.signedPrekeySignature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContactMessageOneTimePrekeyIdFieldEvent {
    field: '$.oneTimePrekeyId'
    value: number
  }

  export interface ContactMessageOneTimePrekeyFieldEvent {
    field: '$.oneTimePrekey'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<ContactMessage>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ContactMessage.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ContactMessage>): ContactMessage {
    return decodeMessage(buf, ContactMessage.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ContactMessage>): Generator<ContactMessageVersionFieldEvent | ContactMessageTypeFieldEvent | ContactMessageInviteIdFieldEvent | ContactMessageInviteSecretFieldEvent | ContactMessageMessageFieldEvent | ContactMessageProfileDocumentFieldEvent | ContactMessageProfileSignatureFieldEvent | ContactMessageSignedPrekeyIdFieldEvent | ContactMessageSignedPrekeyFieldEvent | ContactMessageSignedPrekeySignatureFieldEvent | ContactMessageOneTimePrekeyIdFieldEvent | ContactMessageOneTimePrekeyFieldEvent> {
    return streamMessage(buf, ContactMessage.codec(), opts)
  }
}

export interface ContactReply {
  ok: boolean
  error: string
}

export namespace ContactReply {
  let _codec: Codec<ContactReply>

  export const codec = (): Codec<ContactReply> => {
    if (_codec == null) {
      _codec = message<ContactReply>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.ok != null && obj.ok !== false)) {
          w.uint32(8)
          w.bool(obj.ok)
        }

        if ((obj.error != null && obj.error !== '')) {
          w.uint32(18)
          w.string(obj.error)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          ok: false,
          error: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.ok = reader.bool()
              break
            }
            case 2: {
              obj.error = reader.string()
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
                field: `${prefix}.ok`,
                value: reader.bool()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.error`,
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

  export interface ContactReplyOkFieldEvent {
    field: '$.ok'
    value: boolean
  }

  export interface ContactReplyErrorFieldEvent {
    field: '$.error'
    value: string
  }

  export function encode (obj: Partial<ContactReply>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ContactReply.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ContactReply>): ContactReply {
    return decodeMessage(buf, ContactReply.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ContactReply>): Generator<ContactReplyOkFieldEvent | ContactReplyErrorFieldEvent> {
    return streamMessage(buf, ContactReply.codec(), opts)
  }
}

export interface NearbyInfo {
  version: number
  displayName: string
  agreementKey: Uint8Array<ArrayBuffer>
}

export namespace NearbyInfo {
  let _codec: Codec<NearbyInfo>

  export const codec = (): Codec<NearbyInfo> => {
    if (_codec == null) {
      _codec = message<NearbyInfo>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.displayName != null && obj.displayName !== '')) {
          w.uint32(18)
          w.string(obj.displayName)
        }

        if ((obj.agreementKey != null && obj.agreementKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.agreementKey)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          displayName: '',
          agreementKey: uint8ArrayAlloc(0)
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
              obj.displayName = reader.string()
              break
            }
            case 3: {
              obj.agreementKey = reader.bytes()
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
                field: `${prefix}.displayName`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.agreementKey`,
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

  export interface NearbyInfoVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface NearbyInfoDisplayNameFieldEvent {
    field: '$.displayName'
    value: string
  }

  export interface NearbyInfoAgreementKeyFieldEvent {
    field: '$.agreementKey'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<NearbyInfo>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, NearbyInfo.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<NearbyInfo>): NearbyInfo {
    return decodeMessage(buf, NearbyInfo.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<NearbyInfo>): Generator<NearbyInfoVersionFieldEvent | NearbyInfoDisplayNameFieldEvent | NearbyInfoAgreementKeyFieldEvent> {
    return streamMessage(buf, NearbyInfo.codec(), opts)
  }
}
