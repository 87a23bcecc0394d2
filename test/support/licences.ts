// A licence as the issuing body stores it right after issue: the content signed, and a
// version-2 status statement (valid since the issue day) naming that signed text.
import type { Sm2KeyPair } from '../../src/core/crypto/sm2';
import { signLicence, signStatus, type LicenceContent, type StoredLicence } from '../../src/core/licensing/licence';

export function issuedLicence(c: LicenceContent, keys: Sm2KeyPair): StoredLicence {
  const signed = signLicence(c, keys);
  const status = signStatus({ licenceNo: c.licenceNo, status: 'valid', since: c.issuedOn, reason: null }, signed, keys);
  return {
    content: c, status: 'valid', statusOn: c.issuedOn, statusReason: null, payload: signed.payload, signature: signed.signature,
    statusPayload: status.payload, statusSignature: status.signature, publicKey: keys.publicKey,
  };
}
