// The Jinbao web console: a single page that talks to /api/v1 with the session cookie and the
// anti-forgery header. Text from the server is inserted as text, never as HTML.
'use strict';

const state = { session: null, csrf: null, timer: null };

const ROLE_PAGES = {
  operator: [['#/upload', '上传检查'], ['#/batches', '批次历史'], ['#/record', '单条核验'], ['#/persons', '人员查询'], ['#/conflicts', '数据冲突'], ['#/duplicates', '跨地区重复']],
  administrator: [['#/users', '用户管理']],
  auditor: [['#/audit', '审计日志']],
};

const DATASETS = [['', '按表头自动识别'], ['person', '个人基础信息'], ['employer', '单位基础信息'], ['enrolment', '参保登记'], ['contribution', '缴费记录'], ['benefit-payment', '待遇发放']];
const STATUS = { queued: '排队中', running: '检查中', completed: '已完成', failed: '失败' };
const SEVERITY = { error: '错误', warning: '警告' };
const DIMENSION = { Conformity: '规范性', Completeness: '完整性', Accuracy: '准确性', Consistency: '一致性', Timeliness: '时效性', Accessibility: '可访问性' };

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (value !== null && value !== undefined && value !== false) el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function show(...nodes) {
  const main = document.getElementById('main');
  main.replaceChildren(...nodes);
}

function notify(text, ok) {
  const box = document.getElementById('message');
  box.textContent = text;
  box.className = ok ? 'ok' : '';
  box.hidden = false;
  clearTimeout(notify.timer);
  notify.timer = setTimeout(() => { box.hidden = true; }, 6000);
}

async function token() {
  const response = await fetch('/api/v1/session/antiforgery', { credentials: 'same-origin' });
  state.csrf = (await response.json()).token;
  return state.csrf;
}

// Sends a request. A ProblemDetails response becomes an Error that carries its Chinese detail.
async function api(method, url, body, isForm) {
  const headers = {};
  if (method !== 'GET') headers['X-CSRF-TOKEN'] = state.csrf || await token();
  if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : (isForm ? body : JSON.stringify(body)) });
  // A rejected certificate (401) leaves the session pending, so it does not return to the sign-in page.
  if (response.status === 401 && state.session && !url.endsWith('/session') && !url.endsWith('/session/certificate')) {
    state.session = null;
    location.hash = '#/login';
  }
  if (!response.ok) {
    let detail = `请求失败（${response.status}）`;
    try { const problem = await response.json(); detail = problem.detail || problem.title || detail; } catch { /* not JSON */ }
    const error = new Error(detail);
    error.status = response.status;
    throw error;
  }
  return response.status === 204 ? null : response.json();
}

function fmtTime(text) { return text ? new Date(text).toLocaleString('zh-CN', { hour12: false }) : ''; }
function fmtScore(value) { return value === null || value === undefined ? '—' : Number(value).toFixed(2); }

function renderNav() {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  if (!state.session) { nav.hidden = true; who.replaceChildren(); return; }
  const pages = state.session.mustChangePassword || state.session.certificateRequired ? [] : [...(ROLE_PAGES[state.session.role] || []), ...((window.consolePages || {})[state.session.role] || [])];
  nav.replaceChildren(...pages.map(([href, text]) => h('a', { href, class: location.hash.startsWith(href) ? 'active' : null }, text)), h('a', { href: '#/password' }, '修改密码'));
  nav.hidden = false;
  who.replaceChildren(`${state.session.displayName}（${state.session.roleName}）`, h('button', { class: 'secondary', id: 'sign-out', onclick: signOut }, '退出'));
}

async function signOut() {
  try { await api('DELETE', '/api/v1/session'); } catch { /* already signed out */ }
  state.session = null;
  state.csrf = null;
  location.hash = '#/login';
}

function loginView() {
  const user = h('input', { id: 'user-name', autocomplete: 'username', required: true });
  const password = h('input', { id: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'login', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await token();
      state.session = await api('POST', '/api/v1/session', { userName: user.value, password: password.value });
      state.csrf = null;
      location.hash = state.session.mustChangePassword ? '#/password' : home();
    } catch (err) { notify(err.message); }
  } }, h('label', {}, '用户名', user), h('label', {}, '密码', password), h('button', { type: 'submit', id: 'sign-in' }, '登录'));
  show(h('section', {}, h('h2', {}, '登录'), form));
}

function passwordView() {
  const current = h('input', { id: 'current-password', type: 'password', autocomplete: 'current-password' });
  const next = h('input', { id: 'new-password', type: 'password', autocomplete: 'new-password' });
  const form = h('form', { class: 'login', onsubmit: async (e) => {
    e.preventDefault();
    try {
      state.session = await api('POST', '/api/v1/session/password', { currentPassword: current.value, newPassword: next.value });
      state.csrf = null;
      notify('密码已修改。', true);
      location.hash = home();
    } catch (err) { notify(err.message); }
  } }, h('label', {}, '当前密码', current), h('label', {}, '新密码（至少 12 位，含大写、小写、数字、符号中的三类）', next), h('button', { type: 'submit', id: 'change-password' }, '修改密码'));
  const note = state.session && state.session.mustChangePassword ? h('p', { class: 'warning' }, '您正在使用一次性密码，请先设置新密码。') : null;
  show(h('section', {}, h('h2', {}, '修改密码'), note, form));
}

function uploadView() {
  const file = h('input', { type: 'file', id: 'extract-file', accept: '.csv,.txt,.xlsx' });
  const dataset = h('select', { id: 'dataset' }, DATASETS.map(([value, text]) => h('option', { value }, text)));
  const form = h('form', { onsubmit: async (e) => {
    e.preventDefault();
    if (!file.files.length) { notify('请选择要上传的抽取文件。'); return; }
    const data = new FormData();
    data.append('file', file.files[0]);
    if (dataset.value) data.append('dataset', dataset.value);
    try {
      const created = await api('POST', '/api/v1/batches', data, true);
      location.hash = `#/batch/${created.batch.id}`;
    } catch (err) { notify(err.message); }
  } }, h('label', {}, '抽取文件（CSV 或 XLSX）', file), ' ', h('label', {}, '数据集', dataset), ' ', h('button', { type: 'submit', id: 'upload' }, '上传并检查'));
  show(h('section', {}, h('h2', {}, '上传抽取文件'), form));
}

async function batchesView() {
  const page = await api('GET', '/api/v1/batches?pageSize=100');
  const rows = page.items.map(b => h('tr', {},
    h('td', {}, h('a', { href: `#/batch/${b.id}` }, b.fileName)), h('td', {}, b.dataset || ''), h('td', {}, STATUS[b.status] || b.status),
    h('td', { class: 'num' }, b.records), h('td', { class: 'num' }, fmtScore(b.score)), h('td', { class: 'num' }, b.errorFindings),
    h('td', {}, b.uploadedBy), h('td', {}, fmtTime(b.uploadedAt)), h('td', {}, b.importedAt ? '已导入' : '')));
  show(h('section', {}, h('h2', {}, `批次历史（共 ${page.total} 批）`),
    h('table', {}, h('thead', {}, h('tr', {}, ['文件', '数据集', '状态', '记录数', '评分', '错误数', '上传人', '上传时间', '入库'].map(t => h('th', {}, t)))), h('tbody', {}, rows))));
}

async function batchView(id) {
  const result = await api('GET', `/api/v1/batches/${encodeURIComponent(id)}`);
  const batch = result.batch;
  if (batch.status === 'queued' || batch.status === 'running') {
    const percent = result.progress ? result.progress.percent : 0;
    show(h('section', {}, h('h2', {}, `正在检查 ${batch.fileName}`), h('p', { id: 'batch-status' }, STATUS[batch.status]),
      h('div', { class: 'progress' }, h('div', { style: `width:${percent}%` })), h('p', {}, `已检查 ${result.progress ? result.progress.records : 0} 条记录（${percent}%）`)));
    state.timer = setTimeout(() => route(), 500);
    return;
  }
  if (batch.status === 'failed') {
    show(h('section', {}, h('h2', {}, `检查失败：${batch.fileName}`), h('p', { class: 'error', id: 'batch-status' }, batch.message || '')));
    return;
  }
  const report = await api('GET', `/api/v1/batches/${encodeURIComponent(id)}/report`);
  const dimensionChart = h('div', { class: 'chart', id: 'dimension-chart' });
  const divisionChart = h('div', { class: 'chart', id: 'division-chart' });
  const summary = h('section', {}, h('h2', {}, `质量评分：${report.file}（${report.datasetName}）`),
    h('div', { class: 'cards' },
      h('div', {}, '质量评分', h('div', { class: 'score', id: 'score' }, fmtScore(report.score))),
      h('div', {}, '记录数', h('div', { class: 'score' }, report.records)),
      h('div', {}, '有错误的记录', h('div', { class: 'score' }, report.recordsWithErrors)),
      h('div', {}, '问题总数', h('div', { class: 'score' }, report.findingCount))),
    h('p', {}, h('a', { href: `/api/v1/batches/${id}/findings.xlsx`, id: 'download-xlsx', download: `${id}-findings.xlsx` }, '下载问题清单（findings.xlsx）'), ' ',
      h('a', { href: `/api/v1/batches/${id}/findings.csv`, download: `${id}-findings.csv` }, '下载 CSV')),
    importControls(batch));
  const dimensions = h('section', {}, h('h2', {}, '质量维度'), dimensionChart,
    h('table', {}, h('thead', {}, h('tr', {}, ['维度', '评分', '权重', '错误记录', '仅警告记录'].map(t => h('th', {}, t)))),
      h('tbody', {}, report.dimensions.filter(d => d.assessed).map(d => h('tr', {}, h('td', {}, d.name), h('td', { class: 'num' }, fmtScore(d.score)), h('td', { class: 'num' }, d.weight), h('td', { class: 'num' }, d.recordsWithErrors), h('td', { class: 'num' }, d.recordsWithWarningsOnly))))));
  const rules = h('section', {}, h('h2', {}, '规则'),
    h('table', {}, h('thead', {}, h('tr', {}, ['规则', '说明', '维度', '严重程度', '问题数'].map(t => h('th', {}, t)))),
      h('tbody', {}, report.rules.filter(r => r.findings > 0).map(r => h('tr', {}, h('td', {}, r.rule), h('td', {}, r.description), h('td', {}, DIMENSION[r.dimension] || r.dimension), h('td', { class: r.severity }, SEVERITY[r.severity] || r.severity), h('td', { class: 'num' }, r.findings))))));
  const divisions = h('section', {}, h('h2', {}, '行政区划评分（最低的 20 个）'), divisionChart,
    h('table', {}, h('thead', {}, h('tr', {}, ['代码', '名称', '层级', '记录数', '错误记录', '评分'].map(t => h('th', {}, t)))),
      h('tbody', {}, (report.divisions || []).slice(0, 20).map(d => h('tr', {}, h('td', {}, d.code), h('td', {}, d.name), h('td', {}, d.level), h('td', { class: 'num' }, d.records), h('td', { class: 'num' }, d.recordsWithErrors), h('td', { class: 'num' }, fmtScore(d.score)))))));
  const findings = h('section', { id: 'findings' }, h('h2', {}, '问题清单'));
  show(summary, dimensions, rules, divisions, findings);
  drawBar(dimensionChart, report.dimensions.filter(d => d.assessed).map(d => d.name), report.dimensions.filter(d => d.assessed).map(d => d.score));
  const lowest = (report.divisions || []).slice(0, 20);
  drawBar(divisionChart, lowest.map(d => d.name || d.code), lowest.map(d => d.score));
  findingsList(findings, id, report.rules.filter(r => r.findings > 0).map(r => r.rule), 1, '', '');
}

function importControls(batch) {
  if (batch.importedAt) return h('p', {}, `已于 ${fmtTime(batch.importedAt)} 导入中心库。`);
  const run = async (excludeErrors) => {
    try {
      const outcome = await api('POST', `/api/v1/batches/${batch.id}/import`, { excludeErrors });
      notify(`导入完成：${outcome.loaded} 条入库，${outcome.excluded} 条因错误排除，新增冲突 ${outcome.conflicts} 个。`, true);
      route();
    } catch (err) { notify(err.message); }
  };
  return h('p', {}, h('button', { id: 'import', onclick: () => run(false) }, '导入中心库'), ' ',
    h('button', { class: 'secondary', id: 'import-excluding', onclick: () => run(true) }, '排除错误行后导入'));
}

function drawBar(element, names, values) {
  if (!window.echarts || names.length === 0) return;
  const chart = window.echarts.init(element);
  chart.setOption({
    grid: { left: 60, right: 20, top: 20, bottom: 60 },
    tooltip: {},
    xAxis: { type: 'category', data: names, axisLabel: { rotate: names.length > 8 ? 40 : 0 } },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [{ type: 'bar', data: values.map(v => Number(Number(v).toFixed(2))), itemStyle: { color: '#b8342a' } }],
  });
}

async function findingsList(container, id, rules, page, rule, severity) {
  const ruleSelect = h('select', { id: 'filter-rule' }, h('option', { value: '' }, '全部规则'), rules.map(r => h('option', { value: r, selected: r === rule }, r)));
  const severitySelect = h('select', { id: 'filter-severity' }, h('option', { value: '' }, '全部'), Object.entries(SEVERITY).map(([k, v]) => h('option', { value: k, selected: k === severity }, v)));
  const reload = (p) => findingsList(container, id, rules, p, ruleSelect.value, severitySelect.value);
  ruleSelect.addEventListener('change', () => reload(1));
  severitySelect.addEventListener('change', () => reload(1));
  const query = new URLSearchParams({ page, pageSize: 50 });
  if (rule) query.set('rule', rule);
  if (severity) query.set('severity', severity);
  let data;
  try { data = await api('GET', `/api/v1/batches/${id}/findings?${query}`); } catch (err) { notify(err.message); return; }
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  container.replaceChildren(h('h2', {}, `问题清单（${data.total} 条）`),
    h('p', {}, '规则 ', ruleSelect, ' 严重程度 ', severitySelect),
    h('table', { id: 'findings-table' }, h('thead', {}, h('tr', {}, ['行号', '列', '规则', '严重程度', '值', '说明'].map(t => h('th', {}, t)))),
      h('tbody', {}, data.items.map(f => h('tr', {}, h('td', { class: 'num' }, f.row), h('td', {}, f.column), h('td', {}, f.rule), h('td', { class: f.severity }, SEVERITY[f.severity] || f.severity), h('td', {}, f.value), h('td', {}, f.message))))),
    h('p', { class: 'pager' }, h('button', { class: 'secondary', disabled: page <= 1, onclick: () => reload(page - 1) }, '上一页'), ` 第 ${page} / ${pages} 页 `,
      h('button', { class: 'secondary', disabled: page >= pages, onclick: () => reload(page + 1) }, '下一页')));
}

function recordView() {
  const dataset = h('select', { id: 'record-dataset' }, DATASETS.slice(1).map(([value, text]) => h('option', { value }, text)));
  const fields = h('textarea', { id: 'record-fields', rows: 6, cols: 80 }, '{"公民身份号码": "", "姓名": "", "性别": "", "出生日期": ""}');
  const output = h('div', {});
  const form = h('form', { onsubmit: async (e) => {
    e.preventDefault();
    let parsed;
    try { parsed = JSON.parse(fields.value); } catch { notify('字段须为 JSON 对象，例如 {"姓名": "张三"}。'); return; }
    try {
      const result = await api('POST', '/api/v1/records/check', { dataset: dataset.value, fields: parsed });
      output.replaceChildren(h('p', { class: result.passed ? '' : 'error' }, result.passed ? '通过：没有错误。' : '不通过：存在错误。'),
        h('table', {}, h('tbody', {}, result.findings.map(f => h('tr', {}, h('td', {}, f.column), h('td', { class: f.severity }, SEVERITY[f.severity] || f.severity), h('td', {}, f.message))))));
    } catch (err) { notify(err.message); }
  } }, h('label', {}, '数据集 ', dataset), h('br'), fields, h('br'), h('button', { type: 'submit' }, '核验'));
  show(h('section', {}, h('h2', {}, '单条记录核验（业务经办环节）'), form, output));
}

function personsView() {
  const number = h('input', { id: 'person-id', size: 24, autocomplete: 'off' });
  const output = h('div', { id: 'person-result' });
  const form = h('form', { onsubmit: async (e) => {
    e.preventDefault();
    try {
      const p = await api('POST', '/api/v1/persons/search', { idNumber: number.value });
      output.replaceChildren(h('table', {}, h('tbody', {},
        [['证件号码', p.idNumber], ['姓名', p.name], ['性别', p.sex], ['出生日期', p.birthDate], ['民族', p.ethnicity], ['学历', p.education], ['行政区划', p.division], ['电话', p.phone], ['更新时间', fmtTime(p.updatedAt)]]
          .map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v ?? ''))))),
        h('h2', {}, '参保登记'),
        h('table', {}, h('thead', {}, h('tr', {}, ['险种', '行政区划', '参保日期', '单位', '状态', '终止日期'].map(t => h('th', {}, t)))),
          h('tbody', {}, p.enrolments.map(en => h('tr', {}, h('td', {}, en.insuranceType), h('td', {}, en.division), h('td', {}, en.enrolmentDate), h('td', {}, en.employerKey ?? ''), h('td', {}, en.status), h('td', {}, en.terminationDate ?? ''))))));
    } catch (err) { output.replaceChildren(h('p', { class: 'error' }, err.message)); }
  } }, h('label', {}, '公民身份号码 ', number), ' ', h('button', { type: 'submit' }, '查询'));
  show(h('section', {}, h('h2', {}, '人员查询（证件号码已脱敏显示）'), form, output));
}

async function conflictsView() {
  const items = await api('GET', '/api/v1/conflicts?status=open&limit=200');
  const decide = async (c, value) => {
    try {
      await api('POST', '/api/v1/conflicts/resolve', { reference: c.reference, conflictId: c.conflictId, chosenValue: value });
      notify('已处理。', true);
      route();
    } catch (err) { notify(err.message); }
  };
  show(h('section', {}, h('h2', {}, `待处理的数据冲突（${items.length} 个）`),
    h('table', {}, h('thead', {}, h('tr', {}, ['证件号码', '字段', '库中现有值', '新批次的值', '批次', '行号', '处理'].map(t => h('th', {}, t)))),
      h('tbody', {}, items.map(c => h('tr', {}, h('td', {}, c.idNumber), h('td', {}, c.field), h('td', {}, c.currentValue), h('td', {}, c.incomingValue), h('td', {}, c.batchId), h('td', { class: 'num' }, c.sourceRow),
        h('td', {}, h('button', { class: 'secondary', onclick: () => decide(c, c.currentValue) }, '保留现有值'), ' ', h('button', { onclick: () => decide(c, c.incomingValue) }, '采用新值'))))))));
}

async function duplicatesView() {
  const items = await api('GET', '/api/v1/duplicates?limit=500');
  const kinds = { enrolment: '重复参保', benefitPayment: '重复领取' };
  show(h('section', {}, h('h2', {}, `跨地区重复（${items.length} 条）`),
    h('table', {}, h('thead', {}, h('tr', {}, ['类型', '证件号码', '险种/待遇', '地区一', '地区二', '重叠开始', '重叠结束', '期别'].map(t => h('th', {}, t)))),
      h('tbody', {}, items.map(d => h('tr', {}, h('td', {}, kinds[d.kind] || d.kind), h('td', {}, d.idNumber), h('td', {}, d.typeCode), h('td', {}, d.firstDivision), h('td', {}, d.secondDivision), h('td', {}, d.overlapStart ?? ''), h('td', {}, d.overlapEnd ?? ''), h('td', {}, d.period ?? '')))))));
}

async function usersView() {
  const users = await api('GET', '/api/v1/users');
  const act = async (url, body) => { try { await api('POST', url, body); notify('已完成。', true); route(); } catch (err) { notify(err.message); } };
  const name = h('input', { id: 'new-user-name' });
  const display = h('input', { id: 'new-display-name' });
  const role = h('select', { id: 'new-role' }, h('option', { value: 'operator' }, '业务操作员'), h('option', { value: 'auditor' }, '安全审计员'), h('option', { value: 'administrator' }, '系统管理员'));
  const password = h('input', { id: 'new-password-once', type: 'password', autocomplete: 'new-password' });
  const form = h('form', { class: 'inline', onsubmit: async (e) => {
    e.preventDefault();
    try { await api('POST', '/api/v1/users', { userName: name.value, displayName: display.value, role: role.value, password: password.value }); notify('账户已创建，请把一次性密码交给用户。', true); route(); } catch (err) { notify(err.message); }
  } }, h('label', {}, '用户名 ', name), h('label', {}, '显示名称 ', display), h('label', {}, '角色 ', role), h('label', {}, '一次性密码 ', password), h('button', { type: 'submit', id: 'create-user' }, '创建'));
  show(h('section', {}, h('h2', {}, '新建账户'), form),
    h('section', {}, h('h2', {}, '账户'), h('table', {}, h('thead', {}, h('tr', {}, ['用户名', '显示名称', '角色', '状态', '创建时间', '操作'].map(t => h('th', {}, t)))),
      h('tbody', {}, users.map(u => h('tr', {}, h('td', {}, u.userName), h('td', {}, u.displayName), h('td', {}, u.roleName),
        h('td', {}, u.disabled ? '已停用' : (u.lockedUntil && new Date(u.lockedUntil) > new Date() ? '已锁定' : (u.mustChangePassword ? '待改密码' : '正常'))), h('td', {}, fmtTime(u.createdAt)),
        h('td', {}, h('button', { class: 'secondary', onclick: () => act(`/api/v1/users/${u.id}/unlock`, {}) }, '解锁'), ' ',
          h('button', { class: 'secondary', onclick: () => act(`/api/v1/users/${u.id}/${u.disabled ? 'enable' : 'disable'}`, {}) }, u.disabled ? '启用' : '停用'), ' ',
          h('button', { class: 'secondary', onclick: () => { const p = prompt('新的一次性密码'); if (p) act(`/api/v1/users/${u.id}/password`, { password: p }); } }, '重置密码'))))))));
}

async function verifyAuditChain() {
  const box = document.getElementById('audit-chain-result');
  try {
    const report = await api('GET', '/api/v1/audit/chain');
    box.textContent = report.message;
    box.className = report.intact ? 'ok' : 'error';
  } catch (err) {
    box.textContent = err.message;
    box.className = 'error';
  }
  box.hidden = false;
}

async function auditView(page, actor, action) {
  page = page || 1;
  const query = new URLSearchParams({ page, pageSize: 50 });
  if (actor) query.set('actor', actor);
  if (action) query.set('action', action);
  const data = await api('GET', `/api/v1/audit?${query}`);
  const actorInput = h('input', { id: 'audit-actor', value: actor || '' });
  const actionSelect = h('select', { id: 'audit-action' }, h('option', { value: '' }, '全部'),
    ['sign-in', 'sign-out', 'password-change', 'password-reset', 'user-create', 'user-disable', 'user-enable', 'user-unlock', 'token-create', 'upload', 'import', 'conflict-decision', 'person-lookup'].map(a => h('option', { value: a, selected: a === action }, a)));
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  show(h('section', {}, h('h2', {}, `审计日志（${data.total} 条）`),
    h('form', { class: 'inline', onsubmit: (e) => { e.preventDefault(); auditView(1, actorInput.value, actionSelect.value); } }, h('label', {}, '操作人 ', actorInput), h('label', {}, '操作 ', actionSelect), h('button', { type: 'submit' }, '查询'),
      ' ', h('button', { type: 'button', class: 'secondary', id: 'audit-chain', onclick: verifyAuditChain }, '核验哈希链')),
    h('p', { id: 'audit-chain-result', hidden: true }),
    h('table', { id: 'audit-table' }, h('thead', {}, h('tr', {}, ['时间', '操作人', '操作', '对象', '结果', '地址'].map(t => h('th', {}, t)))),
      h('tbody', {}, data.items.map(e => h('tr', {}, h('td', {}, fmtTime(e.occurredAt)), h('td', {}, e.actor), h('td', {}, e.action), h('td', {}, e.target), h('td', {}, e.outcome), h('td', {}, e.clientAddress))))),
    h('p', { class: 'pager' }, h('button', { class: 'secondary', disabled: page <= 1, onclick: () => auditView(page - 1, actor, action) }, '上一页'), ` 第 ${page} / ${pages} 页 `,
      h('button', { class: 'secondary', disabled: page >= pages, onclick: () => auditView(page + 1, actor, action) }, '下一页'))));
}

function home() {
  const pages = state.session && ROLE_PAGES[state.session.role];
  return pages ? pages[0][0] : '#/login';
}

async function route() {
  clearTimeout(state.timer);
  const hash = location.hash || '#/';
  if (!state.session && hash !== '#/login') {
    try { state.session = await api('GET', '/api/v1/session'); } catch { state.session = null; }
    if (!state.session || !state.session.signedIn) { state.session = null; location.hash = '#/login'; return; }
  }
  renderNav();
  if (state.session && state.session.mustChangePassword && hash !== '#/password') { location.hash = '#/password'; return; }
  // The certificate step of signin.js comes after a password change and before every other page.
  if (state.session && state.session.certificateRequired && !state.session.mustChangePassword && hash !== '#/certificate') { location.hash = '#/certificate'; return; }
  const [, page, arg] = hash.split('/');
  try {
    switch (page) {
      case 'login': loginView(); break;
      case 'password': passwordView(); break;
      case 'upload': uploadView(); break;
      case 'batches': await batchesView(); break;
      case 'batch': await batchView(decodeURIComponent(arg || '')); break;
      case 'record': recordView(); break;
      case 'persons': personsView(); break;
      case 'conflicts': await conflictsView(); break;
      case 'duplicates': await duplicatesView(); break;
      case 'users': await usersView(); break;
      case 'audit': await auditView(1); break;
      default:
        // Pages of other console files (partners.js, packages.js) register their views in window.consoleViews.
        if (window.consoleViews && Object.hasOwn(window.consoleViews, page)) await window.consoleViews[page](arg);
        else location.hash = home();
        break;
    }
  } catch (err) {
    show(h('section', {}, h('p', { class: 'error' }, err.message)));
  }
}

window.addEventListener('hashchange', route);
window.addEventListener('DOMContentLoaded', route);
