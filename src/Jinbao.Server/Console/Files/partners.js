// Console pages of the sharing repository and partner services: partners, agreements, subscriptions and
// publications for the administrator, the partner access log for the auditor. Uses h, show, notify, api and
// fmtTime of app.js, and registers its pages and views for app.js's navigation and router.
'use strict';

const PARTNER_STATUS = { active: '正常', suspended: '已暂停' };
const AGREEMENT_STATUS = { active: '生效', suspended: '已暂停', expired: '已终止' };
const SERVICE_NAMES = { query: '查询', verify: '核验', subscribe: '订阅', pull: '拉取事件', callback: '回调推送', extract: '批量提取', notice: '接收通报' };
const NOTICE_NAMES = { deaths: '死亡通报', closures: '注销通报' };
const OUTCOME_NAMES = { succeeded: '成功', rejected: '拒绝' };
const SHARED_DATASETS = [['person', '个人基础信息'], ['employer', '单位基础信息'], ['enrolment', '参保登记'], ['pension', '养老金领取']];

// Other console files (packages.js) register pages too, so each role's list is extended, not replaced.
window.consolePages = window.consolePages || {};
window.consolePages.administrator = [...(window.consolePages.administrator || []), ['#/partners', '合作方'], ['#/agreements', '共享协议'], ['#/subscriptions', '订阅状态'], ['#/sharing', '共享发布']];
window.consolePages.auditor = [...(window.consolePages.auditor || []), ['#/partner-access', '合作方访问日志']];

async function partnerAct(url, body, done) {
  try { await api('POST', url, body); notify(done, true); route(); } catch (err) { notify(err.message); }
}

async function partnersView() {
  const partners = await api('GET', '/api/v1/partners');
  const id = h('input', { id: 'partner-id', placeholder: 'civil-affairs' });
  const name = h('input', { id: 'partner-name', placeholder: '某市民政局' });
  const pem = h('textarea', { id: 'partner-certificate', rows: 6, cols: 70, placeholder: '-----BEGIN CERTIFICATE-----' });
  const register = async (e) => {
    e.preventDefault();
    await partnerAct('/api/v1/partners', { id: id.value.trim(), name: name.value.trim(), certificatePem: pem.value }, '合作方已登记。');
  };
  show(
    h('section', {}, h('h2', {}, `合作方（${partners.length} 个）`),
      h('table', { id: 'partners-table' }, h('thead', {}, h('tr', {}, ['编号', '名称', '机构证书序列号', '证书主题', '状态', '登记时间', ''].map(t => h('th', {}, t)))),
        h('tbody', {}, partners.map(p => h('tr', {}, h('td', {}, p.id), h('td', {}, p.name), h('td', {}, p.certificateSerial), h('td', {}, p.certificateSubject),
          h('td', {}, PARTNER_STATUS[p.status] || p.status), h('td', {}, fmtTime(p.createdAt)),
          h('td', {}, p.status === 'active'
            ? h('button', { class: 'secondary', onclick: () => partnerAct(`/api/v1/partners/${encodeURIComponent(p.id)}/status`, { status: 'suspended' }, '合作方已暂停。') }, '暂停')
            : h('button', { class: 'secondary', onclick: () => partnerAct(`/api/v1/partners/${encodeURIComponent(p.id)}/status`, { status: 'active' }, '合作方已恢复。') }, '恢复'))))))),
    h('section', {}, h('h2', {}, '登记合作方'),
      h('form', { onsubmit: register }, h('label', {}, '编号 ', id), ' ', h('label', {}, '名称 ', name), h('br'),
        h('label', {}, '机构（SM2 签名）证书 PEM', h('br'), pem), h('br'), h('button', { type: 'submit' }, '登记'))));
}

function agreementTemplate(partnerId) {
  const today = new Date().toISOString().slice(0, 10);
  return JSON.stringify({
    partnerId: partnerId || '',
    purpose: '核对社会救助对象的参保和待遇领取情况',
    legalBasis: '《社会救助暂行办法》',
    condition: 'Conditional',
    validFrom: today,
    validTo: today,
    dailyQuota: 10000,
    datasets: [{ dataset: 'person', fields: ['idNumber', 'name', 'sex'], masks: { idNumber: 'hide:7-14', name: 'surname' } }],
    verifications: ['pension-alive'],
    callbackUrls: [],
  }, null, 2);
}

async function agreementsView() {
  const [agreements, partners] = await Promise.all([api('GET', '/api/v1/agreements'), api('GET', '/api/v1/partners')]);
  const definition = h('textarea', { id: 'agreement-definition', rows: 18, cols: 90 }, agreementTemplate(partners[0] && partners[0].id));
  const create = async (e) => {
    e.preventDefault();
    let body;
    try { body = JSON.parse(definition.value); } catch { notify('协议内容不是有效的 JSON，请检查括号和引号。'); return; }
    await partnerAct('/api/v1/agreements', body, '协议已创建并生效。');
  };
  const fields = (a) => a.definition.datasets.map(d => `${d.dataset}: ${d.fields.map(f => d.masks && d.masks[f] ? `${f}（${d.masks[f]}）` : f).join('、')}`).join('；');
  const actions = (a) => a.status === 'expired' ? '' : [
    a.status === 'active'
      ? h('button', { class: 'secondary', onclick: () => partnerAct(`/api/v1/agreements/${a.id}/status`, { status: 'suspended' }, '协议已暂停。') }, '暂停')
      : h('button', { class: 'secondary', onclick: () => partnerAct(`/api/v1/agreements/${a.id}/status`, { status: 'active' }, '协议已恢复。') }, '恢复'),
    ' ',
    h('button', { class: 'secondary', onclick: () => { if (confirm(`终止协议 ${a.id}？终止后不能恢复。`)) partnerAct(`/api/v1/agreements/${a.id}/status`, { status: 'expired' }, '协议已终止。'); } }, '终止'),
  ];
  show(
    h('section', {}, h('h2', {}, `共享协议（${agreements.length} 份）`),
      h('table', { id: 'agreements-table' }, h('thead', {}, h('tr', {}, ['编号', '合作方', '用途 / 履职依据', '有效期（北京时间）', '每日配额', '数据集与字段（脱敏）', '核验事项', '通报', '状态', ''].map(t => h('th', {}, t)))),
        h('tbody', {}, agreements.map(a => h('tr', {}, h('td', {}, a.id), h('td', {}, a.definition.partnerId),
          h('td', {}, a.definition.purpose, h('br'), a.definition.legalBasis), h('td', {}, `${a.definition.validFrom} 至 ${a.definition.validTo}`),
          h('td', { class: 'num' }, a.definition.dailyQuota), h('td', {}, fields(a)), h('td', {}, a.definition.verifications.join('、')),
          h('td', {}, (a.definition.notices || []).map(n => NOTICE_NAMES[n] || n).join('、')),
          h('td', {}, AGREEMENT_STATUS[a.status] || a.status), h('td', {}, actions(a))))))),
    h('section', {}, h('h2', {}, '新建协议'),
      h('p', {}, '字段只能取自共享目录，不予共享的字段（如联系电话、民族、待遇金额、银行账号）不能约定。脱敏规则：none、surname（张*）、hide:起-止（如 hide:7-14）。'),
      h('form', { onsubmit: create }, definition, h('br'), h('button', { type: 'submit' }, '创建协议'))));
}

async function subscriptionsView() {
  const data = await api('GET', '/api/v1/subscriptions');
  show(h('section', {}, h('h2', {}, `订阅状态（${data.items.length} 个，最新事件序号 ${data.latestSequence}）`),
    h('table', { id: 'subscriptions-table' }, h('thead', {}, h('tr', {}, ['编号', '协议', '数据集', '回调地址', '已确认序号', '未确认事件上限', '最近拉取', '创建时间'].map(t => h('th', {}, t)))),
      h('tbody', {}, data.items.map(s => h('tr', {}, h('td', {}, s.id), h('td', {}, s.agreementId), h('td', {}, s.dataset), h('td', {}, s.callbackUrl || '（拉取）'),
        h('td', { class: 'num' }, s.acknowledgedSequence), h('td', { class: 'num' }, Math.max(0, data.latestSequence - s.acknowledgedSequence)),
        h('td', {}, fmtTime(s.lastPullAt)), h('td', {}, fmtTime(s.createdAt))))))));
}

async function sharingView() {
  const publications = await api('GET', '/api/v1/sharing/publications');
  const byName = Object.fromEntries(publications.map(p => [p.dataset, p]));
  const publish = async (dataset) => {
    try {
      const result = await api('POST', '/api/v1/sharing/publications', { dataset });
      notify(`已发布 ${dataset}：${result.records} 条记录，${result.events} 个变更事件。`, true);
      route();
    } catch (err) { notify(err.message); }
  };
  show(h('section', {}, h('h2', {}, '共享发布（从中心库发布到对外信息共享集中库）'),
    h('table', { id: 'publications-table' }, h('thead', {}, h('tr', {}, ['数据集', '记录数', '本次变更事件', '发布时间', ''].map(t => h('th', {}, t)))),
      h('tbody', {}, SHARED_DATASETS.map(([name, label]) => {
        const p = byName[name];
        return h('tr', {}, h('td', {}, `${label}（${name}）`), h('td', { class: 'num' }, p ? p.records : '—'), h('td', { class: 'num' }, p ? p.events : '—'),
          h('td', {}, p ? fmtTime(p.publishedAt) : '未发布'), h('td', {}, h('button', { onclick: () => publish(name) }, '发布')));
      })))));
}

async function partnerAccessView(page, filter) {
  page = page || 1;
  filter = filter || {};
  const query = new URLSearchParams({ page, pageSize: 50 });
  for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value);
  const data = await api('GET', `/api/v1/partner-access?${query}`);
  const partner = h('input', { id: 'access-partner', value: filter.partnerId || '' });
  const service = h('select', { id: 'access-service' }, h('option', { value: '' }, '全部'), Object.entries(SERVICE_NAMES).map(([v, t]) => h('option', { value: v, selected: v === filter.service }, t)));
  const outcome = h('select', { id: 'access-outcome' }, h('option', { value: '' }, '全部'), Object.entries(OUTCOME_NAMES).map(([v, t]) => h('option', { value: v, selected: v === filter.outcome }, t)));
  const exportQuery = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) exportQuery.set(key, value);
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  show(h('section', {}, h('h2', {}, `合作方访问日志（${data.total} 条）`),
    h('form', { class: 'inline', onsubmit: (e) => { e.preventDefault(); partnerAccessView(1, { partnerId: partner.value.trim(), service: service.value, outcome: outcome.value }); } },
      h('label', {}, '合作方 ', partner), h('label', {}, '服务 ', service), h('label', {}, '结果 ', outcome), h('button', { type: 'submit' }, '查询'), ' ',
      h('a', { href: `/api/v1/partner-access/export?${exportQuery}`, id: 'access-export' }, '导出 CSV')),
    h('table', { id: 'access-table' }, h('thead', {}, h('tr', {}, ['时间', '合作方', '协议', '服务', '用途', '查询键', '返回字段', '结果', '原因', '地址'].map(t => h('th', {}, t)))),
      h('tbody', {}, data.items.map(e => h('tr', {}, h('td', {}, fmtTime(e.occurredAt)), h('td', {}, e.partnerId), h('td', {}, e.agreementId || ''),
        h('td', {}, SERVICE_NAMES[e.service] || e.service), h('td', {}, e.purpose || ''), h('td', {}, e.keys.length > 80 ? `${e.keys.slice(0, 80)}…` : e.keys),
        h('td', {}, e.fields), h('td', { class: e.outcome === 'rejected' ? 'error' : null }, OUTCOME_NAMES[e.outcome] || e.outcome), h('td', {}, e.reason || ''), h('td', {}, e.clientAddress))))),
    h('p', { class: 'pager' }, h('button', { class: 'secondary', disabled: page <= 1, onclick: () => partnerAccessView(page - 1, filter) }, '上一页'), ` 第 ${page} / ${pages} 页 `,
      h('button', { class: 'secondary', disabled: page >= pages, onclick: () => partnerAccessView(page + 1, filter) }, '下一页'))));
}

window.consoleViews = Object.assign(window.consoleViews || {}, {
  partners: partnersView,
  agreements: agreementsView,
  subscriptions: subscriptionsView,
  sharing: sharingView,
  'partner-access': () => partnerAccessView(1),
});
