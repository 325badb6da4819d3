// The certificate step of console sign-in (证书登录), the second factor after the password when the
// server runs with certificate sign-in. The page reads the staff member's certificate and encrypted
// key file, decrypts the key with the passphrase and signs the server's challenge, all in the
// browser with smcrypto.js, and sends only the signature and the certificates. Uses h, show,
// notify, api, state, home and t (texts) of app.js, and registers its view for app.js's router.
'use strict';


window.consoleViews = window.consoleViews || {};
window.consoleViews.certificate = certificateView;

// Returns the PEM certificates in a file. A DER file (it starts with a SEQUENCE tag) becomes one PEM
// block, and a file without a certificate gives an empty list.
function certificatesIn(bytes) {
  const text = new TextDecoder('utf-8').decode(bytes);
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g);
  if (blocks) return blocks;
  if (bytes.length > 0 && bytes[0] === 0x30) {
    const lines = SmCrypto.bytesToBase64(bytes).match(/.{1,64}/g);
    return [['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----'].join('\n')];
  }
  return [];
}

async function readCertificates(file) {
  const certificates = certificatesIn(new Uint8Array(await file.arrayBuffer()));
  if (certificates.length === 0) throw new Error(t('CertSignIn_CertificateUnreadable', file.name));
  return certificates;
}

// Maps the crypto errors of reading a key file to the page's Chinese messages.
function keyError(err, file) {
  if (!(err instanceof SmCrypto.SmCryptoError)) return err;
  if (err.code === 'wrong-passphrase') return new Error(t('CertSignIn_WrongPassphrase', file.name));
  if (err.code === 'no-webcrypto') return new Error(t('CertSignIn_NoWebCrypto'));
  return new Error(t('CertSignIn_KeyFileInvalid', file.name));
}

// Checks that the key file's public key is the certificate's, before the passphrase is used. A
// mismatch that only the server found would use up the challenge.
function checkKeyMatches(keyBytes, keyFile, certificatePem, certificateFile) {
  let keyPublic;
  try {
    keyPublic = SmCrypto.keyFilePublicKey(keyBytes);
  } catch (err) {
    throw keyError(err, keyFile);
  }
  const base64 = certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
  const certificatePublic = SmCrypto.certificatePublicKey(SmCrypto.base64ToBytes(base64));
  if (certificatePublic !== null && certificatePublic !== keyPublic) {
    throw new Error(t('CertSignIn_KeyMismatch', keyFile.name, certificateFile.name));
  }
}

// Decrypts the key file and maps the crypto errors to the page's Chinese messages.
async function openKey(keyBytes, file, passphrase) {
  try {
    return await SmCrypto.openKeyFile(keyBytes, passphrase);
  } catch (err) {
    throw keyError(err, file);
  }
}

// Fetches a challenge, signs it with the key and submits the signature with the certificates.
// Returns the server's session. A rejection throws an Error with the server's Chinese detail.
async function signChallenge(key, certificates) {
  const challenge = await api('GET', '/api/v1/session/challenge');
  const signature = SmCrypto.sm2Sign(key.privateKey, key.publicKey, SmCrypto.base64ToBytes(challenge.challenge), SmCrypto.DEFAULT_SIGNER_ID);
  return api('POST', '/api/v1/session/certificate', { challengeId: challenge.id, signature: SmCrypto.bytesToBase64(signature), certificates });
}

function certificateView() {
  if (!state.session.certificateRequired) { location.hash = home(); return; }

  const certificateFile = h('input', { type: 'file', id: 'certificate-file', accept: '.pem,.cer,.crt,.der' });
  const chainFile = h('input', { type: 'file', id: 'chain-file', accept: '.pem,.cer,.crt' });
  const keyFile = h('input', { type: 'file', id: 'key-file', accept: '.key,.json' });
  const passphrase = h('input', { type: 'password', id: 'key-passphrase', autocomplete: 'off' });
  const submit = h('button', { type: 'submit', id: 'certificate-sign-in' }, t('CertSignIn_Submit'));
  const status = h('p', { id: 'certificate-status', hidden: true });
  const error = h('p', { id: 'certificate-error', class: 'error', hidden: true });

  const report = (element, text) => {
    element.textContent = text;
    element.hidden = !text;
  };

  const signIn = async (event) => {
    event.preventDefault();
    report(error, '');
    const missing = !certificateFile.files.length ? t('CertSignIn_CertificateMissing')
      : !keyFile.files.length ? t('CertSignIn_KeyMissing')
        : !passphrase.value ? t('CertSignIn_PassphraseMissing') : '';
    if (missing) { report(error, missing); return; }

    submit.disabled = true;
    try {
      const certificates = await readCertificates(certificateFile.files[0]);
      if (chainFile.files.length) certificates.push(...await readCertificates(chainFile.files[0]));
      const keyBytes = new Uint8Array(await keyFile.files[0].arrayBuffer());
      checkKeyMatches(keyBytes, keyFile.files[0], certificates[0], certificateFile.files[0]);
      report(status, t('CertSignIn_Decrypting'));
      // Lets the browser paint the status before scrypt occupies the page for a moment.
      await new Promise(resolve => setTimeout(resolve, 20));
      const key = await openKey(keyBytes, keyFile.files[0], passphrase.value);
      report(status, t('CertSignIn_Signing'));
      state.session = await signChallenge(key, certificates);
      state.csrf = null;
      notify(t('CertSignIn_Succeeded'), true);
      location.hash = home();
    } catch (err) {
      report(status, '');
      // Errors of the page and of api() carry Chinese text. A crypto code or a network failure does not.
      const unexpected = err instanceof SmCrypto.SmCryptoError || err instanceof TypeError;
      report(error, unexpected ? t('CertSignIn_Failed', err.code || err.message) : err.message);
    } finally {
      submit.disabled = false;
    }
  };

  const form = h('form', { class: 'login', id: 'certificate-form', onsubmit: signIn },
    h('label', {}, t('CertSignIn_CertificateLabel'), certificateFile),
    h('label', {}, t('CertSignIn_ChainLabel'), chainFile),
    h('label', {}, t('CertSignIn_KeyLabel'), keyFile),
    h('label', {}, t('CertSignIn_PassphraseLabel'), passphrase),
    submit);
  show(h('section', {}, h('h2', {}, t('CertSignIn_Title')), h('p', {}, t('CertSignIn_Intro')), form, status, error));
}
