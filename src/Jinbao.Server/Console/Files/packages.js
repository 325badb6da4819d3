// Console pages of the upward-report packages (联网上报): the inbox of received packages, where an
// operator can also hand a package to this node, and the outbox of packages this node packed, each
// with its receipt. Uses h, show, notify, api, fmtTime, fmtScore, t, nameOf and route of app.js,
// and registers its pages and views for app.js's navigation and router.
'use strict';

function packageResultName(result) {
  return nameOf({ accepted: t('PackageResult_Accepted'), rejected: t('PackageResult_Rejected'), sent: t('PackageResult_Sent') }, result);
}

function packageDatasetName(dataset) {
  return nameOf({ person: t('Dataset_Person'), employer: t('Dataset_Employer'), enrolment: t('Dataset_Enrolment'), contribution: t('Dataset_Contribution'), 'benefit-payment': t('Dataset_BenefitPayment'), 'death-notice': t('Notice_Deaths'), 'employer-closure': t('Notice_Closures') }, dataset);
}

window.consolePages = window.consolePages || {};
window.consolePages.operator = [...(window.consolePages.operator || []), ['#/inbox', () => t('Nav_Inbox')], ['#/outbox', () => t('Nav_Outbox')]];
window.consoleViews = window.consoleViews || {};
window.consoleViews.inbox = () => packageLedgerView('inbox');
window.consoleViews.outbox = () => packageLedgerView('outbox');

function receiptDetails(receipt) {
  if (!receipt) return h('p', {}, t('Receipt_None'));
  const columns = [t('Column_File'), t('Column_Dataset'), t('Column_Records'), t('Receipt_ColumnRecordsWithErrors'), t('Receipt_ColumnLoaded'), t('Receipt_ColumnScore'), t('Column_Batch')];
  return h('div', { class: 'receipt' },
    h('p', {}, t('Receipt_Summary', packageResultName(receipt.result), fmtTime(receipt.receivedAt), fmtTime(receipt.senderTimeStamp) || '—')),
    h('p', {}, t('Receipt_Parties', receipt.sender || '—', receipt.senderDivision || '—', receipt.receiver)),
    h('p', {}, t('Receipt_Digest', receipt.packageDigest)),
    (receipt.messages || []).length ? h('ul', {}, receipt.messages.map(m => h('li', {}, m))) : null,
    (receipt.files || []).length
      ? h('table', {}, h('thead', {}, h('tr', {}, columns.map(c => h('th', {}, c)))),
        h('tbody', {}, receipt.files.map(f => h('tr', {}, h('td', {}, f.name), h('td', {}, packageDatasetName(f.dataset)),
          h('td', {}, f.records), h('td', {}, f.recordsWithErrors), h('td', {}, f.alreadyLoaded ? t('Receipt_LoadedBefore') : f.loaded),
          h('td', {}, fmtScore(f.score)), h('td', {}, f.batchId || '—')))))
      : null);
}

function ledgerTable(entries, direction) {
  const detailRow = h('div', { id: 'package-detail' });
  const rows = entries.map(e => h('tr', {},
    h('td', {}, e.id), h('td', {}, e.packageId || '—'), h('td', {}, e.peer || '—'), h('td', {}, e.period || '—'),
    h('td', { class: e.result === 'rejected' ? 'error' : null }, packageResultName(e.result)),
    h('td', {}, fmtTime(e.at)),
    h('td', {},
      h('button', { class: 'secondary', onclick: () => detailRow.replaceChildren(h('h3', {}, t('Packages_Package', e.packageId || e.packageDigest)), receiptDetails(e.receipt)) }, t('Packages_ViewReceipt')),
      ' ',
      e.receipt ? h('a', { href: `/api/v1/packages/${e.id}/receipt`, download: `receipt-${e.id}.p7s` }, t('Packages_DownloadReceipt')) : null)));
  const columns = [t('Column_Id'), t('Packages_ColumnPackageId'), direction === 'inbox' ? t('Packages_ColumnSender') : t('Packages_ColumnReceiver'), t('Packages_ColumnPeriod'), t('Column_Outcome'), t('Column_Time'), ''];
  return [
    h('table', { id: `${direction}-table` },
      h('thead', {}, h('tr', {}, columns.map(c => h('th', {}, c)))),
      h('tbody', {}, rows)),
    entries.length ? null : h('p', {}, t('Packages_Empty')),
    detailRow,
  ];
}

async function receivePackage(file) {
  const response = await fetch('/api/v1/packages', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'X-CSRF-TOKEN': state.csrf || await token(), 'Content-Type': 'application/octet-stream' },
    body: file,
  });
  let body = null;
  try { body = await response.json(); } catch { /* not JSON */ }
  if (response.ok) {
    notify(body.repeat ? t('Packages_ReceivedBefore') : t('Packages_Received'), true);
  } else {
    notify((body && (body.detail || body.title)) || t('Request_Failed', response.status));
  }
  route();
}

async function packageLedgerView(direction) {
  const entries = await api('GET', `/api/v1/packages/${direction}?limit=200`);
  const title = direction === 'inbox' ? t('Packages_InboxTitle', entries.length) : t('Packages_OutboxTitle', entries.length);
  const sections = [h('section', {}, h('h2', {}, title), ...ledgerTable(entries, direction))];
  if (direction === 'inbox') {
    const file = h('input', { type: 'file', id: 'package-file', accept: '.jbp' });
    const submit = async (e) => {
      e.preventDefault();
      if (!file.files.length) { notify(t('Packages_NoFile')); return; }
      await receivePackage(file.files[0]);
    };
    sections.push(h('section', {}, h('h2', {}, t('Packages_ReceiveTitle')),
      h('p', {}, t('Packages_ReceiveHelp')),
      h('form', { onsubmit: submit }, file, ' ', h('button', { type: 'submit', id: 'receive-package' }, t('Packages_Receive')))));
  } else {
    sections.push(h('p', {}, t('Packages_OutboxHelp')));
  }
  show(...sections);
}
