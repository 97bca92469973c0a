/** The two OLE compound files of the corpus: what Excel writes for a password-protected workbook, and an old .xls. */
import { Buffer } from 'node:buffer';
import { buildCfb } from './cfb-writer';

/** Deterministic filler bytes (xorshift32). */
function noise(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

export function passwordProtectedXlsx(): Buffer {
  const descriptor =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
    '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">' +
    '<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/>' +
    '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password"><p:encryptedKey spinCount="100000" saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"/></keyEncryptor></keyEncryptors></encryption>';
  const info = Buffer.alloc(4096);
  info.writeUInt16LE(4, 0); // agile encryption, version 4.4
  info.writeUInt16LE(4, 2);
  info.writeUInt32LE(0x40, 4);
  Buffer.from(descriptor, 'utf8').copy(info, 8);
  const pkg = noise(4104, 0x5eed);
  pkg.writeBigUInt64LE(3000n, 0); // size of the (pretend) decrypted package
  return buildCfb([
    { name: 'EncryptionInfo', data: info },
    { name: 'EncryptedPackage', data: pkg },
  ]);
}

export function legacyXls(): Buffer {
  const wb = Buffer.alloc(4096);
  // BIFF8: BOF (workbook globals) ... EOF
  Buffer.from([0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00, 0x54, 0x38, 0xcd, 0x07, 0xc1, 0x00, 0x00, 0x00, 0x06, 0x03, 0x00, 0x00]).copy(wb, 0);
  Buffer.from([0x0a, 0x00, 0x00, 0x00]).copy(wb, 20);
  return buildCfb([{ name: 'Workbook', data: wb }]);
}
