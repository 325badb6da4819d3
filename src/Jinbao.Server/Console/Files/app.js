// The Jinbao web console: a single page that talks to /api/v1 with the session cookie and the
// anti-forgery header. Text from the server is inserted as text, never as HTML.
'use strict';

const state = { session: null, csrf: null, timer: null };

// The console texts in the server's UI culture, from GET /console/texts.json (Resources/ConsoleText.resx).
const texts = { culture: 'zh-CN', entries: {}, missing: new Set() };

// Returns the console text of a key with {0}, {1}, ... replaced by the arguments. Every console file
// calls this global function for each user-visible string, with the key as a string literal so the
// tests can check that the key exists in ConsoleText.resx and ConsoleText.en.resx. The texts are
// loaded before the first view renders, so t() works in views and event handlers but not at a
// script's top level. A missing key is shown as the key itself and logged as a console error.
function t(key, ...args) {
  let text = texts.entries[key];
  if (typeof text !== 'string') {
    if (!texts.missing.has(key)) console.error(`Console text ${key} is missing from /console/texts.json.`);
    texts.missing.add(key);
    text = key;
  }
  return text.replace(/\{(\d+)\}/g, (placeholder, index) => (index < args.length ? String(args[index]) : placeholder));
}

// Loads the texts and fills the elements of index.html that name a text key in data-text.
async function loadTexts() {
  const response = await fetch('/console/texts.json', { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`GET /console/texts.json: HTTP ${response.status}`);
  const body = await response.json();
  texts.culture = body.culture;
  texts.entries = body.texts;
  document.documentElement.lang = body.culture;
  for (const element of document.querySelectorAll('[data-text]')) element.textContent = t(element.dataset.text);
}

// Returns the display name of a code from a table of names, or the code itself when the table has none.
function nameOf(names, code) {
  return Object.hasOwn(names, code) ? names[code] : code;
}

// The pages of each role as [hash, text]. Other console files add theirs to window.consolePages as
// [hash, function returning the text], because their scripts run before the texts are loaded.
function rolePages(role) {
  const own = {
    operator: [['#/upload', t('Nav_Upload')], ['#/batches', t('Nav_Batches')], ['#/record', t('Nav_Record')], ['#/persons', t('Nav_Persons')], ['#/conflicts', t('Nav_Conflicts')], ['#/duplicates', t('Nav_Duplicates')]],
    administrator: [['#/users', t('Nav_Users')]],
    auditor: [['#/audit', t('Nav_Audit')]],
  };
  const added = ((window.consolePages || {})[role] || []).map(([href, text]) => [href, typeof text === 'function' ? text() : text]);
  return [...(own[role] || []), ...added];
}

// The datasets of an upload as [value, text]. The empty value lets the server detect the dataset from the header row.
function datasetChoices() {
  return [['', t('Dataset_Detect')], ['person', t('Dataset_Person')], ['employer', t('Dataset_Employer')], ['enrolment', t('Dataset_Enrolment')], ['contribution', t('Dataset_Contribution')], ['benefit-payment', t('Dataset_BenefitPayment')]];
}

function batchStatusName(status) {
  return nameOf({ queued: t('BatchStatus_Queued'), running: t('BatchStatus_Running'), completed: t('BatchStatus_Completed'), failed: t('BatchStatus_Failed') }, status);
}

function severityNames() {
  return { error: t('Severity_Error'), warning: t('Severity_Warning') };
}

function dimensionName(dimension) {
  return nameOf({ Conformity: t('Dimension_Conformity'), Completeness: t('Dimension_Completeness'), Accuracy: t('Dimension_Accuracy'), Consistency: t('Dimension_Consistency'), Timeliness: t('Dimension_Timeliness'), Accessibility: t('Dimension_Accessibility') }, dimension);
}

// A pager line: the previous button, "page N of M" and the next button, each button calling go with its page.
function pager(page, pages, go) {
  return h('p', { class: 'pager' }, h('button', { class: 'secondary', disabled: page <= 1, onclick: () => go(page - 1) }, t('Pager_Previous')), ` ${t('Pager_Position', page, pages)} `,
    h('button', { class: 'secondary', disabled: page >= pages, onclick: () => go(page + 1) }, t('Pager_Next')));
}

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

// Sends a request. A ProblemDetails response becomes an Error that carries its detail, in the server's UI culture.
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
    let detail = t('Request_Failed', response.status);
    try { const problem = await response.json(); detail = problem.detail || problem.title || detail; } catch { /* not JSON */ }
    const error = new Error(detail);
    error.status = response.status;
    throw error;
  }
  return response.status === 204 ? null : response.json();
}

function fmtTime(text) { return text ? new Date(text).toLocaleString(texts.culture, { hour12: false }) : ''; }
function fmtScore(value) { return value === null || value === undefined ? '—' : Number(value).toFixed(2); }

function renderNav() {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  if (!state.session) { nav.hidden = true; who.replaceChildren(); return; }
  const pages = state.session.mustChangePassword || state.session.certificateRequired ? [] : rolePages(state.session.role);
  nav.replaceChildren(...pages.map(([href, text]) => h('a', { href, class: location.hash.startsWith(href) ? 'active' : null }, text)), h('a', { href: '#/password' }, t('Nav_Password')));
  nav.hidden = false;
  who.replaceChildren(t('Header_SignedIn', state.session.displayName, state.session.roleName), h('button', { class: 'secondary', id: 'sign-out', onclick: signOut }, t('Header_SignOut')));
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
  } }, h('label', {}, t('SignIn_UserName'), user), h('label', {}, t('SignIn_Password'), password), h('button', { type: 'submit', id: 'sign-in' }, t('SignIn_Submit')));
  show(h('section', {}, h('h2', {}, t('SignIn_Title')), form));
}

function passwordView() {
  const current = h('input', { id: 'current-password', type: 'password', autocomplete: 'current-password' });
  const next = h('input', { id: 'new-password', type: 'password', autocomplete: 'new-password' });
  const form = h('form', { class: 'login', onsubmit: async (e) => {
    e.preventDefault();
    try {
      state.session = await api('POST', '/api/v1/session/password', { currentPassword: current.value, newPassword: next.value });
      state.csrf = null;
      notify(t('Password_Changed'), true);
      location.hash = home();
    } catch (err) { notify(err.message); }
  } }, h('label', {}, t('Password_Current'), current), h('label', {}, t('Password_New'), next), h('button', { type: 'submit', id: 'change-password' }, t('Password_Submit')));
  const note = state.session && state.session.mustChangePassword ? h('p', { class: 'warning' }, t('Password_OneTimeNote')) : null;
  show(h('section', {}, h('h2', {}, t('Password_Title')), note, form));
}

function uploadView() {
  const file = h('input', { type: 'file', id: 'extract-file', accept: '.csv,.txt,.xlsx' });
  const dataset = h('select', { id: 'dataset' }, datasetChoices().map(([value, text]) => h('option', { value }, text)));
  const form = h('form', { onsubmit: async (e) => {
    e.preventDefault();
    if (!file.files.length) { notify(t('Upload_NoFile')); return; }
    const data = new FormData();
    data.append('file', file.files[0]);
    if (dataset.value) data.append('dataset', dataset.value);
    try {
      const created = await api('POST', '/api/v1/batches', data, true);
      location.hash = `#/batch/${created.batch.id}`;
    } catch (err) { notify(err.message); }
  } }, h('label', {}, t('Upload_File'), file), ' ', h('label', {}, t('Upload_Dataset'), dataset), ' ', h('button', { type: 'submit', id: 'upload' }, t('Upload_Submit')));
  show(h('section', {}, h('h2', {}, t('Upload_Title')), form));
}

async function batchesView() {
  const page = await api('GET', '/api/v1/batches?pageSize=100');
  const rows = page.items.map(b => h('tr', {},
    h('td', {}, h('a', { href: `#/batch/${b.id}` }, b.fileName)), h('td', {}, b.dataset || ''), h('td', {}, batchStatusName(b.status)),
    h('td', { class: 'num' }, b.records), h('td', { class: 'num' }, fmtScore(b.score)), h('td', { class: 'num' }, b.errorFindings),
    h('td', {}, b.uploadedBy), h('td', {}, fmtTime(b.uploadedAt)), h('td', {}, b.importedAt ? t('Batches_Imported') : '')));
  const columns = [t('Column_File'), t('Column_Dataset'), t('Column_Status'), t('Column_Records'), t('Column_Score'), t('Batches_ColumnErrors'), t('Batches_ColumnUploadedBy'), t('Batches_ColumnUploadedAt'), t('Batches_ColumnImported')];
  show(h('section', {}, h('h2', {}, t('Batches_Title', page.total)),
    h('table', {}, h('thead', {}, h('tr', {}, columns.map(c => h('th', {}, c)))), h('tbody', {}, rows))));
}

async function batchView(id) {
  const result = await api('GET', `/api/v1/batches/${encodeURIComponent(id)}`);
  const batch = result.batch;
  if (batch.status === 'queued' || batch.status === 'running') {
    const percent = result.progress ? result.progress.percent : 0;
    show(h('section', {}, h('h2', {}, t('Batch_Checking', batch.fileName)), h('p', { id: 'batch-status' }, batchStatusName(batch.status)),
      h('div', { class: 'progress' }, h('div', { style: `width:${percent}%` })), h('p', {}, t('Batch_Progress', result.progress ? result.progress.records : 0, percent))));
    state.timer = setTimeout(() => route(), 500);
    return;
  }
  if (batch.status === 'failed') {
    show(h('section', {}, h('h2', {}, t('Batch_Failed', batch.fileName)), h('p', { class: 'error', id: 'batch-status' }, batch.message || '')));
    return;
  }
  const report = await api('GET', `/api/v1/batches/${encodeURIComponent(id)}/report`);
  const severities = severityNames();
  const dimensionChart = h('div', { class: 'chart', id: 'dimension-chart' });
  const divisionChart = h('div', { class: 'chart', id: 'division-chart' });
  const summary = h('section', {}, h('h2', {}, t('Report_Title', report.file, report.datasetName)),
    h('div', { class: 'cards' },
      h('div', {}, t('Report_Score'), h('div', { class: 'score', id: 'score' }, fmtScore(report.score))),
      h('div', {}, t('Report_Records'), h('div', { class: 'score' }, report.records)),
      h('div', {}, t('Report_RecordsWithErrors'), h('div', { class: 'score' }, report.recordsWithErrors)),
      h('div', {}, t('Report_FindingCount'), h('div', { class: 'score' }, report.findingCount))),
    h('p', {}, h('a', { href: `/api/v1/batches/${id}/findings.xlsx`, id: 'download-xlsx', download: `${id}-findings.xlsx` }, t('Report_DownloadXlsx')), ' ',
      h('a', { href: `/api/v1/batches/${id}/findings.csv`, download: `${id}-findings.csv` }, t('Report_DownloadCsv'))),
    importControls(batch));
  const dimensionColumns = [t('Column_Dimension'), t('Column_Score'), t('Report_ColumnWeight'), t('Column_RecordsWithErrors'), t('Report_ColumnWarningsOnly')];
  const dimensions = h('section', {}, h('h2', {}, t('Report_Dimensions')), dimensionChart,
    h('table', {}, h('thead', {}, h('tr', {}, dimensionColumns.map(c => h('th', {}, c)))),
      h('tbody', {}, report.dimensions.filter(d => d.assessed).map(d => h('tr', {}, h('td', {}, d.name), h('td', { class: 'num' }, fmtScore(d.score)), h('td', { class: 'num' }, d.weight), h('td', { class: 'num' }, d.recordsWithErrors), h('td', { class: 'num' }, d.recordsWithWarningsOnly))))));
  const ruleColumns = [t('Column_Rule'), t('Column_Description'), t('Column_Dimension'), t('Column_Severity'), t('Report_ColumnFindings')];
  const rules = h('section', {}, h('h2', {}, t('Report_Rules')),
    h('table', {}, h('thead', {}, h('tr', {}, ruleColumns.map(c => h('th', {}, c)))),
      h('tbody', {}, report.rules.filter(r => r.findings > 0).map(r => h('tr', {}, h('td', {}, r.rule), h('td', {}, r.description), h('td', {}, dimensionName(r.dimension)), h('td', { class: r.severity }, nameOf(severities, r.severity)), h('td', { class: 'num' }, r.findings))))));
  const divisionColumns = [t('Report_ColumnCode'), t('Column_Name'), t('Report_ColumnLevel'), t('Column_Records'), t('Column_RecordsWithErrors'), t('Column_Score')];
  const divisions = h('section', {}, h('h2', {}, t('Report_Divisions', 20)), divisionChart,
    h('table', {}, h('thead', {}, h('tr', {}, divisionColumns.map(c => h('th', {}, c)))),
      h('tbody', {}, (report.divisions || []).slice(0, 20).map(d => h('tr', {}, h('td', {}, d.code), h('td', {}, d.name), h('td', {}, d.level), h('td', { class: 'num' }, d.records), h('td', { class: 'num' }, d.recordsWithErrors), h('td', { class: 'num' }, fmtScore(d.score)))))));
  const findings = h('section', { id: 'findings' }, h('h2', {}, t('Findings_Heading')));
  show(summary, dimensions, rules, divisions, findings);
  drawBar(dimensionChart, report.dimensions.filter(d => d.assessed).map(d => d.name), report.dimensions.filter(d => d.assessed).map(d => d.score));
  const lowest = (report.divisions || []).slice(0, 20);
  drawBar(divisionChart, lowest.map(d => d.name || d.code), lowest.map(d => d.score));
  findingsList(findings, id, report.rules.filter(r => r.findings > 0).map(r => r.rule), 1, '', '');
}

function importControls(batch) {
  if (batch.importedAt) return h('p', {}, t('Import_Done', fmtTime(batch.importedAt)));
  const run = async (excludeErrors) => {
    try {
      const outcome = await api('POST', `/api/v1/batches/${batch.id}/import`, { excludeErrors });
      notify(t('Import_Result', outcome.loaded, outcome.excluded, outcome.conflicts), true);
      route();
    } catch (err) { notify(err.message); }
  };
  return h('p', {}, h('button', { id: 'import', onclick: () => run(false) }, t('Import_All')), ' ',
    h('button', { class: 'secondary', id: 'import-excluding', onclick: () => run(true) }, t('Import_ExcludingErrors')));
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
  const severities = severityNames();
  const ruleSelect = h('select', { id: 'filter-rule' }, h('option', { value: '' }, t('Findings_AllRules')), rules.map(r => h('option', { value: r, selected: r === rule }, r)));
  const severitySelect = h('select', { id: 'filter-severity' }, h('option', { value: '' }, t('Filter_All')), Object.entries(severities).map(([k, v]) => h('option', { value: k, selected: k === severity }, v)));
  const reload = (p) => findingsList(container, id, rules, p, ruleSelect.value, severitySelect.value);
  ruleSelect.addEventListener('change', () => reload(1));
  severitySelect.addEventListener('change', () => reload(1));
  const query = new URLSearchParams({ page, pageSize: 50 });
  if (rule) query.set('rule', rule);
  if (severity) query.set('severity', severity);
  let data;
  try { data = await api('GET', `/api/v1/batches/${id}/findings?${query}`); } catch (err) { notify(err.message); return; }
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const columns = [t('Column_Row'), t('Findings_ColumnColumn'), t('Column_Rule'), t('Column_Severity'), t('Findings_ColumnValue'), t('Findings_ColumnMessage')];
  container.replaceChildren(h('h2', {}, t('Findings_Title', data.total)),
    h('p', {}, t('Column_Rule'), ' ', ruleSelect, ' ', t('Column_Severity'), ' ', severitySelect),
    h('table', { id: 'findings-table' }, h('thead', {}, h('tr', {}, columns.map(c => h('th', {}, c)))),
      h('tbody', {}, data.items.map(f => h('tr', {}, h('td', { class: 'num' }, f.row), h('td', {}, f.column), h('td', {}, f.rule), h('td', { class: f.severity }, nameOf(severities, f.severity)), h('td', {}, f.value), h('td', {}, f.message))))),
    pager(page, pages, reload));
}

function recordView() {
  const dataset = h('select', { id: 'record-dataset' }, datasetChoices().slice(1).map(([value, text]) => h('option', { value }, text)));
  const fields = h('textarea', { id: 'record-fields', rows: 6, cols: 80 }, t('Record_FieldsTemplate'));
  const output = h('div', {});
  const form = h('form', { onsubmit: async (e) => {
    e.preventDefault();
    let parsed;
    try { parsed = JSON.parse(fields.value); } catch { notify(t('Record_FieldsInvalid')); return; }
    try {
      const result = await api('POST', '/api/v1/records/check', { dataset: dataset.value, fields: parsed });
      const severities = severityNames();
      output.replaceChildren(h('p', { class: result.passed ? '' : 'error' }, result.passed ? t('Record_Passed') : t('Record_NotPassed')),
        h('table', {}, h('tbody', {}, result.findings.map(f => h('tr', {}, h('td', {}, f.column), h('td', { class: f.severity }, nameOf(severities, f.severity)), h('td', {}, f.message))))));
    } catch (err) { notify(err.message); }
  } }, h('label', {}, t('Upload_Dataset'), ' ', dataset), h('br'), fields, h('br'), h('button', { type: 'submit' }, t('Record_Submit')));
  show(h('section', {}, h('h2', {}, t('Record_Title')), form, output));
}

function personsView() {
  const number = h('input', { id: 'person-id', size: 24, autocomplete: 'off' });
  const output = h('div', { id: 'person-result' });
  const form = h('form', { onsubmit: async (e) => {
    e.preventDefault();
    try {
      const p = await api('POST', '/api/v1/persons/search', { idNumber: number.value });
      const details = [[t('Column_IdNumber'), p.idNumber], [t('Persons_Name'), p.name], [t('Persons_Sex'), p.sex], [t('Persons_BirthDate'), p.birthDate], [t('Persons_Ethnicity'), p.ethnicity],
        [t('Persons_Education'), p.education], [t('Column_Division'), p.division], [t('Persons_Phone'), p.phone], [t('Persons_UpdatedAt'), fmtTime(p.updatedAt)]];
      const enrolmentColumns = [t('Persons_ColumnInsuranceType'), t('Column_Division'), t('Persons_ColumnEnrolmentDate'), t('Persons_ColumnEmployer'), t('Column_Status'), t('Persons_ColumnTerminationDate')];
      output.replaceChildren(h('table', {}, h('tbody', {}, details.map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v ?? ''))))),
        h('h2', {}, t('Persons_Enrolments')),
        h('table', {}, h('thead', {}, h('tr', {}, enrolmentColumns.map(c => h('th', {}, c)))),
          h('tbody', {}, p.enrolments.map(en => h('tr', {}, h('td', {}, en.insuranceType), h('td', {}, en.division), h('td', {}, en.enrolmentDate), h('td', {}, en.employerKey ?? ''), h('td', {}, en.status), h('td', {}, en.terminationDate ?? ''))))));
    } catch (err) { output.replaceChildren(h('p', { class: 'error' }, err.message)); }
  } }, h('label', {}, t('Persons_IdNumber'), ' ', number), ' ', h('button', { type: 'submit' }, t('Filter_Search')));
  show(h('section', {}, h('h2', {}, t('Persons_Title')), form, output));
}

async function conflictsView() {
  const items = await api('GET', '/api/v1/conflicts?status=open&limit=200');
  const decide = async (c, value) => {
    try {
      await api('POST', '/api/v1/conflicts/resolve', { reference: c.reference, conflictId: c.conflictId, chosenValue: value });
      notify(t('Conflicts_Resolved'), true);
      route();
    } catch (err) { notify(err.message); }
  };
  const columns = [t('Column_IdNumber'), t('Conflicts_ColumnField'), t('Conflicts_ColumnCurrent'), t('Conflicts_ColumnIncoming'), t('Column_Batch'), t('Column_Row'), t('Conflicts_ColumnDecision')];
  show(h('section', {}, h('h2', {}, t('Conflicts_Title', items.length)),
    h('table', {}, h('thead', {}, h('tr', {}, columns.map(c => h('th', {}, c)))),
      h('tbody', {}, items.map(c => h('tr', {}, h('td', {}, c.idNumber), h('td', {}, c.field), h('td', {}, c.currentValue), h('td', {}, c.incomingValue), h('td', {}, c.batchId), h('td', { class: 'num' }, c.sourceRow),
        h('td', {}, h('button', { class: 'secondary', onclick: () => decide(c, c.currentValue) }, t('Conflicts_KeepCurrent')), ' ', h('button', { onclick: () => decide(c, c.incomingValue) }, t('Conflicts_TakeIncoming')))))))));
}

async function duplicatesView() {
  const items = await api('GET', '/api/v1/duplicates?limit=500');
  const kinds = { enrolment: t('Duplicates_Enrolment'), benefitPayment: t('Duplicates_BenefitPayment') };
  const columns = [t('Duplicates_ColumnKind'), t('Column_IdNumber'), t('Duplicates_ColumnType'), t('Duplicates_ColumnFirstDivision'), t('Duplicates_ColumnSecondDivision'), t('Duplicates_ColumnOverlapStart'), t('Duplicates_ColumnOverlapEnd'), t('Duplicates_ColumnPeriod')];
  show(h('section', {}, h('h2', {}, t('Duplicates_Title', items.length)),
    h('table', {}, h('thead', {}, h('tr', {}, columns.map(c => h('th', {}, c)))),
      h('tbody', {}, items.map(d => h('tr', {}, h('td', {}, nameOf(kinds, d.kind)), h('td', {}, d.idNumber), h('td', {}, d.typeCode), h('td', {}, d.firstDivision), h('td', {}, d.secondDivision), h('td', {}, d.overlapStart ?? ''), h('td', {}, d.overlapEnd ?? ''), h('td', {}, d.period ?? '')))))));
}

// The state of an account as shown in the user list: disabled, locked, waiting for a password change, or active.
function accountState(user) {
  if (user.disabled) return t('Users_Disabled');
  if (user.lockedUntil && new Date(user.lockedUntil) > new Date()) return t('Users_Locked');
  return user.mustChangePassword ? t('Users_MustChangePassword') : t('Users_Active');
}

// The bound certificate of an account for the user list: subject, serial number and expiry, or "none".
function boundCertificate(user) {
  const c = user.certificate;
  if (!c) return t('Users_CertificateNone');
  return h('span', { class: 'bound-certificate' }, c.subject, h('br', {}), t('Users_CertificateSerial', c.serialNumber), h('br', {}), t('Users_CertificateExpiry', fmtTime(c.notAfter)));
}

// The form that binds a signing certificate to an account. An uploaded file is sent as it is, so DER
// files work too; otherwise the pasted PEM text is sent.
function bindCertificateForm(users) {
  const user = h('select', { id: 'bind-user' }, users.map(u => h('option', { value: u.userName }, t('Users_BindOption', u.userName, u.displayName))));
  const pem = h('textarea', { id: 'bind-pem', rows: 6, cols: 64, placeholder: t('Users_BindPaste') });
  const file = h('input', { id: 'bind-file', type: 'file', accept: '.pem,.cer,.crt,.der' });
  return h('form', { onsubmit: async e => {
    e.preventDefault();
    const body = file.files.length > 0 ? file.files[0] : pem.value;
    try { await api('PUT', `/api/v1/users/${encodeURIComponent(user.value)}/certificate`, body, true); notify(t('Users_Bound', user.value), true); route(); } catch (err) { notify(err.message); }
  } }, h('label', {}, t('Users_UserName'), ' ', user), h('label', {}, t('Users_BindPem'), ' ', pem), h('label', {}, t('Users_BindFile'), ' ', file),
  h('button', { type: 'submit', id: 'bind-certificate' }, t('Users_Bind')));
}

async function unbindCertificate(user) {
  if (!confirm(t('Users_UnbindConfirm', user.userName))) return;
  try { await api('DELETE', `/api/v1/users/${encodeURIComponent(user.userName)}/certificate`); notify(t('Users_Done'), true); route(); } catch (err) { notify(err.message); }
}

async function usersView() {
  const users = await api('GET', '/api/v1/users');
  const act = async (url, body) => { try { await api('POST', url, body); notify(t('Users_Done'), true); route(); } catch (err) { notify(err.message); } };
  const name = h('input', { id: 'new-user-name' });
  const display = h('input', { id: 'new-display-name' });
  const role = h('select', { id: 'new-role' }, h('option', { value: 'operator' }, t('Role_Operator')), h('option', { value: 'auditor' }, t('Role_Auditor')), h('option', { value: 'administrator' }, t('Role_Administrator')));
  const password = h('input', { id: 'new-password-once', type: 'password', autocomplete: 'new-password' });
  const form = h('form', { class: 'inline', onsubmit: async (e) => {
    e.preventDefault();
    try { await api('POST', '/api/v1/users', { userName: name.value, displayName: display.value, role: role.value, password: password.value }); notify(t('Users_Created'), true); route(); } catch (err) { notify(err.message); }
  } }, h('label', {}, t('Users_UserName'), ' ', name), h('label', {}, t('Users_DisplayName'), ' ', display), h('label', {}, t('Users_Role'), ' ', role), h('label', {}, t('Users_OneTimePassword'), ' ', password), h('button', { type: 'submit', id: 'create-user' }, t('Users_Create')));
  const columns = [t('Users_UserName'), t('Users_DisplayName'), t('Users_Role'), t('Column_Status'), t('Users_Certificate'), t('Column_CreatedAt'), t('Users_ColumnActions')];
  show(h('section', {}, h('h2', {}, t('Users_NewTitle')), form), h('section', {}, h('h2', {}, t('Users_BindTitle')), bindCertificateForm(users)),
    h('section', {}, h('h2', {}, t('Users_Title')), h('table', {}, h('thead', {}, h('tr', {}, columns.map(c => h('th', {}, c)))),
      h('tbody', {}, users.map(u => h('tr', {}, h('td', {}, u.userName), h('td', {}, u.displayName), h('td', {}, u.roleName),
        h('td', {}, accountState(u)), h('td', {}, boundCertificate(u)), h('td', {}, fmtTime(u.createdAt)),
        h('td', {}, h('button', { class: 'secondary', onclick: () => act(`/api/v1/users/${u.id}/unlock`, {}) }, t('Users_Unlock')), ' ',
          h('button', { class: 'secondary', onclick: () => act(`/api/v1/users/${u.id}/${u.disabled ? 'enable' : 'disable'}`, {}) }, u.disabled ? t('Users_Enable') : t('Users_Disable')), ' ',
          h('button', { class: 'secondary', onclick: () => { const p = prompt(t('Users_ResetPrompt')); if (p) act(`/api/v1/users/${u.id}/password`, { password: p }); } }, t('Users_ResetPassword')),
          u.certificate ? [' ', h('button', { class: 'secondary', onclick: () => unbindCertificate(u) }, t('Users_Unbind'))] : [])))))));
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
  const actionSelect = h('select', { id: 'audit-action' }, h('option', { value: '' }, t('Filter_All')),
    ['sign-in', 'certificate-sign-in', 'sign-out', 'password-change', 'password-reset', 'user-create', 'user-disable', 'user-enable', 'user-unlock', 'certificate-bind', 'certificate-unbind', 'token-create', 'upload', 'import', 'conflict-decision', 'person-lookup', 'package-receive'].map(a => h('option', { value: a, selected: a === action }, a)));
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const columns = [t('Column_Time'), t('Audit_Actor'), t('Audit_Action'), t('Audit_ColumnTarget'), t('Column_Outcome'), t('Column_ClientAddress')];
  show(h('section', {}, h('h2', {}, t('Audit_Title', data.total)),
    h('form', { class: 'inline', onsubmit: (e) => { e.preventDefault(); auditView(1, actorInput.value, actionSelect.value); } }, h('label', {}, t('Audit_Actor'), ' ', actorInput), h('label', {}, t('Audit_Action'), ' ', actionSelect), h('button', { type: 'submit' }, t('Filter_Search')),
      ' ', h('button', { type: 'button', class: 'secondary', id: 'audit-chain', onclick: verifyAuditChain }, t('Audit_VerifyChain'))),
    h('p', { id: 'audit-chain-result', hidden: true }),
    h('table', { id: 'audit-table' }, h('thead', {}, h('tr', {}, columns.map(c => h('th', {}, c)))),
      h('tbody', {}, data.items.map(e => h('tr', {}, h('td', {}, fmtTime(e.occurredAt)), h('td', {}, e.actor), h('td', {}, e.action), h('td', {}, e.target), h('td', {}, e.outcome), h('td', {}, e.clientAddress))))),
    pager(page, pages, (p) => auditView(p, actor, action))));
}

function home() {
  const pages = state.session ? rolePages(state.session.role) : [];
  return pages.length ? pages[0][0] : '#/login';
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

// Loads the texts before the first view, so every view finds them. Without the texts the console
// shows only the error. NOTE: that error is not translated, because the texts are what failed to load.
async function start() {
  try {
    await loadTexts();
  } catch (err) {
    show(h('p', { class: 'error' }, err.message));
    return;
  }
  window.addEventListener('hashchange', route);
  await route();
}

window.addEventListener('DOMContentLoaded', start);
