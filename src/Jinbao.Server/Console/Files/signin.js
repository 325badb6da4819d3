// The certificate step of console sign-in (证书登录), the second factor after the password when the
// server runs with certificate sign-in. The page reads the staff member's certificate and encrypted
// key file, decrypts the key with the passphrase and signs the server's challenge, all in the
// browser with smcrypto.js, and sends only the signature and the certificates. Uses h, show,
// notify, api, state and home of app.js, and registers its view for app.js's router.
'use strict';

// Every text this page shows. formatSigninText replaces {0} with a file name or a reason.
const SIGNIN_TEXT = {
  title: '证书登录',
  intro: '口令已通过。本系统还要求用数字证书登录（第二个因素）：请选择您的签名证书和加密私钥文件，并输入私钥口令。'
    + '私钥在本浏览器内解密并对服务器的挑战签名，私钥和私钥口令都不会发送到服务器。',
  certificateLabel: '签名证书（PEM 或 DER 格式）',
  chainLabel: '上级 CA 证书链（可选，PEM 格式）',
  keyLabel: '加密私钥文件（jinbao keygen 生成）',
  passphraseLabel: '私钥口令',
  submit: '用证书登录',
  decrypting: '正在解密私钥，可能需要几秒钟…',
  signing: '正在对登录挑战签名并提交…',
  succeeded: '证书登录成功。',
  certificateMissing: '请选择签名证书文件。',
  keyMissing: '请选择加密私钥文件。',
  passphraseMissing: '请输入私钥口令。',
  certificateUnreadable: '文件“{0}”中没有证书：应为 PEM（以 -----BEGIN CERTIFICATE----- 开头）或 DER 格式的 X.509 证书。请重新选择证书文件。',
  keyFileInvalid: '私钥文件“{0}”格式无效或已损坏，不是金保加密的 SM2 私钥文件。请选择 jinbao keygen 生成的私钥文件。',
  wrongPassphrase: '无法解密私钥文件“{0}”：私钥口令错误或文件已被改动。请检查口令后重试。',
  noWebCrypto: '浏览器没有提供 Web Crypto（crypto.subtle），无法解密私钥。请通过 HTTPS 访问控制台后重试。',
  failed: '证书登录失败：{0}',
};

window.consoleViews = window.consoleViews || {};
window.consoleViews.certificate = certificateView;

function formatSigninText(template, value) {
  return template.replace('{0}', value);
}

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
  if (certificates.length === 0) throw new Error(formatSigninText(SIGNIN_TEXT.certificateUnreadable, file.name));
  return certificates;
}

// Decrypts the key file and maps the crypto errors to the page's Chinese messages.
async function openKey(file, passphrase) {
  try {
    return await SmCrypto.openKeyFile(new Uint8Array(await file.arrayBuffer()), passphrase);
  } catch (err) {
    if (!(err instanceof SmCrypto.SmCryptoError)) throw err;
    if (err.code === 'wrong-passphrase') throw new Error(formatSigninText(SIGNIN_TEXT.wrongPassphrase, file.name));
    if (err.code === 'no-webcrypto') throw new Error(SIGNIN_TEXT.noWebCrypto);
    throw new Error(formatSigninText(SIGNIN_TEXT.keyFileInvalid, file.name));
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
  const submit = h('button', { type: 'submit', id: 'certificate-sign-in' }, SIGNIN_TEXT.submit);
  const status = h('p', { id: 'certificate-status', hidden: true });
  const error = h('p', { id: 'certificate-error', class: 'error', hidden: true });

  const report = (element, text) => {
    element.textContent = text;
    element.hidden = !text;
  };

  const signIn = async (event) => {
    event.preventDefault();
    report(error, '');
    const missing = !certificateFile.files.length ? SIGNIN_TEXT.certificateMissing
      : !keyFile.files.length ? SIGNIN_TEXT.keyMissing
        : !passphrase.value ? SIGNIN_TEXT.passphraseMissing : '';
    if (missing) { report(error, missing); return; }

    submit.disabled = true;
    try {
      const certificates = await readCertificates(certificateFile.files[0]);
      if (chainFile.files.length) certificates.push(...await readCertificates(chainFile.files[0]));
      report(status, SIGNIN_TEXT.decrypting);
      // Lets the browser paint the status before scrypt occupies the page for a moment.
      await new Promise(resolve => setTimeout(resolve, 20));
      const key = await openKey(keyFile.files[0], passphrase.value);
      report(status, SIGNIN_TEXT.signing);
      state.session = await signChallenge(key, certificates);
      state.csrf = null;
      notify(SIGNIN_TEXT.succeeded, true);
      location.hash = home();
    } catch (err) {
      report(status, '');
      // Errors of the page and of api() carry Chinese text. A crypto code or a network failure does not.
      const unexpected = err instanceof SmCrypto.SmCryptoError || err instanceof TypeError;
      report(error, unexpected ? formatSigninText(SIGNIN_TEXT.failed, err.code || err.message) : err.message);
    } finally {
      submit.disabled = false;
    }
  };

  const form = h('form', { class: 'login', id: 'certificate-form', onsubmit: signIn },
    h('label', {}, SIGNIN_TEXT.certificateLabel, certificateFile),
    h('label', {}, SIGNIN_TEXT.chainLabel, chainFile),
    h('label', {}, SIGNIN_TEXT.keyLabel, keyFile),
    h('label', {}, SIGNIN_TEXT.passphraseLabel, passphrase),
    submit);
  show(h('section', {}, h('h2', {}, SIGNIN_TEXT.title), h('p', {}, SIGNIN_TEXT.intro), form, status, error));
}
