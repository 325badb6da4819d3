// Console pages of the upward-report packages (联网上报): the inbox of received packages, where an
// operator can also hand a package to this node, and the outbox of packages this node packed, each
// with its receipt. Uses h, show, notify, api, fmtTime and route of app.js, and registers its pages
// and views for app.js's navigation and router.
'use strict';

const PACKAGE_RESULT = { accepted: '已接收', rejected: '已拒收', sent: '已发出' };
const PACKAGE_DATASETS = { person: '个人基础信息', employer: '单位基础信息', enrolment: '参保登记', contribution: '缴费记录', 'benefit-payment': '待遇发放', 'death-notice': '死亡通报', 'employer-closure': '注销通报' };

window.consolePages = window.consolePages || {};
window.consolePages.operator = [...(window.consolePages.operator || []), ['#/inbox', '上报收件箱'], ['#/outbox', '上报发件箱']];
window.consoleViews = window.consoleViews || {};
window.consoleViews.inbox = () => packageLedgerView('inbox');
window.consoleViews.outbox = () => packageLedgerView('outbox');

function receiptDetails(receipt) {
  if (!receipt) return h('p', {}, '尚无回执。');
  return h('div', { class: 'receipt' },
    h('p', {}, `回执结论：${PACKAGE_RESULT[receipt.result] || receipt.result}；接收时间：${fmtTime(receipt.receivedAt)}；发送方时间戳：${fmtTime(receipt.senderTimeStamp) || '—'}`),
    h('p', {}, `发送方：${receipt.sender || '—'}（行政区划 ${receipt.senderDivision || '—'}）；接收方：${receipt.receiver}`),
    h('p', {}, `数据包摘要（SM3）：${receipt.packageDigest}`),
    (receipt.messages || []).length ? h('ul', {}, receipt.messages.map(m => h('li', {}, m))) : null,
    (receipt.files || []).length
      ? h('table', {}, h('thead', {}, h('tr', {}, ['文件', '数据集', '记录数', '有错误记录', '入库', '质量得分', '批次'].map(t => h('th', {}, t)))),
        h('tbody', {}, receipt.files.map(f => h('tr', {}, h('td', {}, f.name), h('td', {}, PACKAGE_DATASETS[f.dataset] || f.dataset),
          h('td', {}, f.records), h('td', {}, f.recordsWithErrors), h('td', {}, f.alreadyLoaded ? '此前已入库' : f.loaded),
          h('td', {}, fmtScore(f.score)), h('td', {}, f.batchId || '—')))))
      : null);
}

function ledgerTable(entries, direction) {
  const detailRow = h('div', { id: 'package-detail' });
  const rows = entries.map(e => h('tr', {},
    h('td', {}, e.id), h('td', {}, e.packageId || '—'), h('td', {}, e.peer || '—'), h('td', {}, e.period || '—'),
    h('td', { class: e.result === 'rejected' ? 'error' : null }, PACKAGE_RESULT[e.result] || e.result),
    h('td', {}, fmtTime(e.at)),
    h('td', {},
      h('button', { class: 'secondary', onclick: () => detailRow.replaceChildren(h('h3', {}, `数据包 ${e.packageId || e.packageDigest}`), receiptDetails(e.receipt)) }, '查看回执'),
      ' ',
      e.receipt ? h('a', { href: `/api/v1/packages/${e.id}/receipt`, download: `receipt-${e.id}.p7s` }, '下载签名回执') : null)));
  return [
    h('table', { id: `${direction}-table` },
      h('thead', {}, h('tr', {}, ['编号', '数据包编号', direction === 'inbox' ? '发送方' : '接收方', '所属期', '结果', '时间', ''].map(t => h('th', {}, t)))),
      h('tbody', {}, rows)),
    entries.length ? null : h('p', {}, '暂无记录。'),
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
    notify(body.repeat ? '该数据包此前已接收，返回原回执，未重复入库。' : '数据包已验证、检查并入库，回执已签发。', true);
  } else {
    notify((body && (body.detail || body.title)) || `请求失败（${response.status}）`);
  }
  route();
}

async function packageLedgerView(direction) {
  const entries = await api('GET', `/api/v1/packages/${direction}?limit=200`);
  const title = direction === 'inbox' ? `上报收件箱（${entries.length} 个数据包）` : `上报发件箱（${entries.length} 个数据包）`;
  const sections = [h('section', {}, h('h2', {}, title), ...ledgerTable(entries, direction))];
  if (direction === 'inbox') {
    const file = h('input', { type: 'file', id: 'package-file', accept: '.jbp' });
    const submit = async (e) => {
      e.preventDefault();
      if (!file.files.length) { notify('请选择数据包文件（.jbp）。'); return; }
      await receivePackage(file.files[0]);
    };
    sections.push(h('section', {}, h('h2', {}, '接收数据包'),
      h('p', {}, '上传下级节点报来的数据包：本节点解密、验证签名、时间戳、证书链和撤销状态，核对摘要和记录数，重新检查质量，通过后入库并签发回执。'),
      h('form', { onsubmit: submit }, file, ' ', h('button', { type: 'submit', id: 'receive-package' }, '接收'))));
  } else {
    sections.push(h('p', {}, '发件箱记录本节点用 jinbao pack 打包的数据包。接收节点签发的回执，由 jinbao send 或 jinbao receipt verify --data 核验后记入。'));
  }
  show(...sections);
}
