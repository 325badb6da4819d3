// Console pages of the sharing repository and partner services: partners, agreements, subscriptions and
// publications for the administrator, the partner access log for the auditor. Uses h, show, notify, api,
// fmtTime, t, nameOf and pager of app.js, and registers its pages and views for app.js's navigation and router.
'use strict';

function partnerStatusName(status) {
  return nameOf({ active: t('PartnerStatus_Active'), suspended: t('PartnerStatus_Suspended') }, status);
}

function agreementStatusName(status) {
  return nameOf({ active: t('AgreementStatus_Active'), suspended: t('AgreementStatus_Suspended'), expired: t('AgreementStatus_Expired') }, status);
}

function serviceNames() {
  return { query: t('Service_Query'), verify: t('Service_Verify'), subscribe: t('Service_Subscribe'), pull: t('Service_Pull'), callback: t('Service_Callback'), extract: t('Service_Extract'), notice: t('Service_Notice') };
}

function noticeName(notice) {
  return nameOf({ deaths: t('Notice_Deaths'), closures: t('Notice_Closures') }, notice);
}

function outcomeNames() {
  return { succeeded: t('Outcome_Succeeded'), rejected: t('Outcome_Rejected') };
}

// The datasets of the sharing repository as [name, text], in the order of the publishing page.
function sharedDatasets() {
  return [['person', t('Dataset_Person')], ['employer', t('Dataset_Employer')], ['enrolment', t('Dataset_Enrolment')], ['pension', t('Dataset_Pension')]];
}

// Other console files (packages.js) register pages too, so each role's list is extended, not replaced.
window.consolePages = window.consolePages || {};
window.consolePages.administrator = [...(window.consolePages.administrator || []), ['#/partners', () => t('Nav_Partners')], ['#/agreements', () => t('Nav_Agreements')], ['#/subscriptions', () => t('Nav_Subscriptions')], ['#/sharing', () => t('Nav_Sharing')]];
window.consolePages.auditor = [...(window.consolePages.auditor || []), ['#/partner-access', () => t('Nav_PartnerAccess')]];

async function partnerAct(url, body, done) {
  try { await api('POST', url, body); notify(done, true); route(); } catch (err) { notify(err.message); }
}

async function partnersView() {
  const partners = await api('GET', '/api/v1/partners');
  const id = h('input', { id: 'partner-id', placeholder: 'civil-affairs' });
  const name = h('input', { id: 'partner-name', placeholder: t('Partners_NamePlaceholder') });
  const pem = h('textarea', { id: 'partner-certificate', rows: 6, cols: 70, placeholder: '-----BEGIN CERTIFICATE-----' });
  const register = async (e) => {
    e.preventDefault();
    await partnerAct('/api/v1/partners', { id: id.value.trim(), name: name.value.trim(), certificatePem: pem.value }, t('Partners_Registered'));
  };
  const columns = [t('Column_Id'), t('Column_Name'), t('Partners_ColumnSerial'), t('Partners_ColumnSubject'), t('Column_Status'), t('Partners_ColumnRegisteredAt'), ''];
  show(
    h('section', {}, h('h2', {}, t('Partners_Title', partners.length)),
      h('table', { id: 'partners-table' }, h('thead', {}, h('tr', {}, columns.map(c => h('th', {}, c)))),
        h('tbody', {}, partners.map(p => h('tr', {}, h('td', {}, p.id), h('td', {}, p.name), h('td', {}, p.certificateSerial), h('td', {}, p.certificateSubject),
          h('td', {}, partnerStatusName(p.status)), h('td', {}, fmtTime(p.createdAt)),
          h('td', {}, p.status === 'active'
            ? h('button', { class: 'secondary', onclick: () => partnerAct(`/api/v1/partners/${encodeURIComponent(p.id)}/status`, { status: 'suspended' }, t('Partners_Suspended')) }, t('Action_Suspend'))
            : h('button', { class: 'secondary', onclick: () => partnerAct(`/api/v1/partners/${encodeURIComponent(p.id)}/status`, { status: 'active' }, t('Partners_Resumed')) }, t('Action_Resume')))))))),
    h('section', {}, h('h2', {}, t('Partners_RegisterTitle')),
      h('form', { onsubmit: register }, h('label', {}, t('Column_Id'), ' ', id), ' ', h('label', {}, t('Column_Name'), ' ', name), h('br'),
        h('label', {}, t('Partners_Certificate'), h('br'), pem), h('br'), h('button', { type: 'submit' }, t('Partners_Register')))));
}

function agreementTemplate(partnerId) {
  const today = new Date().toISOString().slice(0, 10);
  return JSON.stringify({
    partnerId: partnerId || '',
    purpose: t('Agreements_SamplePurpose'),
    legalBasis: t('Agreements_SampleLegalBasis'),
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
    try { body = JSON.parse(definition.value); } catch { notify(t('Agreements_InvalidJson')); return; }
    await partnerAct('/api/v1/agreements', body, t('Agreements_Created'));
  };
  const list = (items) => items.join(t('List_Separator'));
  const field = (d, f) => (d.masks && d.masks[f] ? t('Agreements_MaskedField', f, d.masks[f]) : f);
  const fields = (a) => a.definition.datasets.map(d => `${d.dataset}: ${list(d.fields.map(f => field(d, f)))}`).join(t('List_GroupSeparator'));
  const status = (a, next, done) => partnerAct(`/api/v1/agreements/${a.id}/status`, { status: next }, done);
  const actions = (a) => a.status === 'expired' ? '' : [
    a.status === 'active'
      ? h('button', { class: 'secondary', onclick: () => status(a, 'suspended', t('Agreements_Suspended')) }, t('Action_Suspend'))
      : h('button', { class: 'secondary', onclick: () => status(a, 'active', t('Agreements_Resumed')) }, t('Action_Resume')),
    ' ',
    h('button', { class: 'secondary', onclick: () => { if (confirm(t('Agreements_ConfirmTerminate', a.id))) status(a, 'expired', t('Agreements_Terminated')); } }, t('Agreements_Terminate')),
  ];
  const columns = [t('Column_Id'), t('Column_Partner'), t('Agreements_ColumnPurpose'), t('Agreements_ColumnValidity'), t('Agreements_ColumnDailyQuota'), t('Agreements_ColumnFields'), t('Agreements_ColumnVerifications'), t('Agreements_ColumnNotices'), t('Column_Status'), ''];
  show(
    h('section', {}, h('h2', {}, t('Agreements_Title', agreements.length)),
      h('table', { id: 'agreements-table' }, h('thead', {}, h('tr', {}, columns.map(c => h('th', {}, c)))),
        h('tbody', {}, agreements.map(a => h('tr', {}, h('td', {}, a.id), h('td', {}, a.definition.partnerId),
          h('td', {}, a.definition.purpose, h('br'), a.definition.legalBasis), h('td', {}, t('Agreements_Validity', a.definition.validFrom, a.definition.validTo)),
          h('td', { class: 'num' }, a.definition.dailyQuota), h('td', {}, fields(a)), h('td', {}, list(a.definition.verifications)),
          h('td', {}, list((a.definition.notices || []).map(noticeName))),
          h('td', {}, agreementStatusName(a.status)), h('td', {}, actions(a))))))),
    h('section', {}, h('h2', {}, t('Agreements_NewTitle')),
      h('p', {}, t('Agreements_NewHelp')),
      h('form', { onsubmit: create }, definition, h('br'), h('button', { type: 'submit' }, t('Agreements_Create')))));
}

async function subscriptionsView() {
  const data = await api('GET', '/api/v1/subscriptions');
  const columns = [t('Column_Id'), t('Column_Agreement'), t('Column_Dataset'), t('Subscriptions_ColumnCallback'), t('Subscriptions_ColumnAcknowledged'), t('Subscriptions_ColumnUnacknowledged'), t('Subscriptions_ColumnLastPull'), t('Column_CreatedAt')];
  show(h('section', {}, h('h2', {}, t('Subscriptions_Title', data.items.length, data.latestSequence)),
    h('table', { id: 'subscriptions-table' }, h('thead', {}, h('tr', {}, columns.map(c => h('th', {}, c)))),
      h('tbody', {}, data.items.map(s => h('tr', {}, h('td', {}, s.id), h('td', {}, s.agreementId), h('td', {}, s.dataset), h('td', {}, s.callbackUrl || t('Subscriptions_PullOnly')),
        h('td', { class: 'num' }, s.acknowledgedSequence), h('td', { class: 'num' }, Math.max(0, data.latestSequence - s.acknowledgedSequence)),
        h('td', {}, fmtTime(s.lastPullAt)), h('td', {}, fmtTime(s.createdAt))))))));
}

async function sharingView() {
  const publications = await api('GET', '/api/v1/sharing/publications');
  const byName = Object.fromEntries(publications.map(p => [p.dataset, p]));
  const publish = async (dataset) => {
    try {
      const result = await api('POST', '/api/v1/sharing/publications', { dataset });
      notify(t('Sharing_Published', dataset, result.records, result.events), true);
      route();
    } catch (err) { notify(err.message); }
  };
  const columns = [t('Column_Dataset'), t('Column_Records'), t('Sharing_ColumnEvents'), t('Sharing_ColumnPublishedAt'), ''];
  show(h('section', {}, h('h2', {}, t('Sharing_Title')),
    h('table', { id: 'publications-table' }, h('thead', {}, h('tr', {}, columns.map(c => h('th', {}, c)))),
      h('tbody', {}, sharedDatasets().map(([name, label]) => {
        const p = byName[name];
        return h('tr', {}, h('td', {}, t('Sharing_Dataset', label, name)), h('td', { class: 'num' }, p ? p.records : '—'), h('td', { class: 'num' }, p ? p.events : '—'),
          h('td', {}, p ? fmtTime(p.publishedAt) : t('Sharing_NotPublished')), h('td', {}, h('button', { onclick: () => publish(name) }, t('Sharing_Publish'))));
      })))));
}

async function partnerAccessView(page, filter) {
  page = page || 1;
  filter = filter || {};
  const services = serviceNames();
  const outcomes = outcomeNames();
  const query = new URLSearchParams({ page, pageSize: 50 });
  for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value);
  const data = await api('GET', `/api/v1/partner-access?${query}`);
  const partner = h('input', { id: 'access-partner', value: filter.partnerId || '' });
  const service = h('select', { id: 'access-service' }, h('option', { value: '' }, t('Filter_All')), Object.entries(services).map(([v, text]) => h('option', { value: v, selected: v === filter.service }, text)));
  const outcome = h('select', { id: 'access-outcome' }, h('option', { value: '' }, t('Filter_All')), Object.entries(outcomes).map(([v, text]) => h('option', { value: v, selected: v === filter.outcome }, text)));
  const exportQuery = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) exportQuery.set(key, value);
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const columns = [t('Column_Time'), t('Column_Partner'), t('Column_Agreement'), t('PartnerAccess_Service'), t('PartnerAccess_ColumnPurpose'), t('PartnerAccess_ColumnKeys'), t('PartnerAccess_ColumnFields'), t('Column_Outcome'), t('PartnerAccess_ColumnReason'), t('Column_ClientAddress')];
  show(h('section', {}, h('h2', {}, t('PartnerAccess_Title', data.total)),
    h('form', { class: 'inline', onsubmit: (e) => { e.preventDefault(); partnerAccessView(1, { partnerId: partner.value.trim(), service: service.value, outcome: outcome.value }); } },
      h('label', {}, t('Column_Partner'), ' ', partner), h('label', {}, t('PartnerAccess_Service'), ' ', service), h('label', {}, t('Column_Outcome'), ' ', outcome), h('button', { type: 'submit' }, t('Filter_Search')), ' ',
      h('a', { href: `/api/v1/partner-access/export?${exportQuery}`, id: 'access-export' }, t('PartnerAccess_ExportCsv'))),
    h('table', { id: 'access-table' }, h('thead', {}, h('tr', {}, columns.map(c => h('th', {}, c)))),
      h('tbody', {}, data.items.map(e => h('tr', {}, h('td', {}, fmtTime(e.occurredAt)), h('td', {}, e.partnerId), h('td', {}, e.agreementId || ''),
        h('td', {}, nameOf(services, e.service)), h('td', {}, e.purpose || ''), h('td', {}, e.keys.length > 80 ? `${e.keys.slice(0, 80)}…` : e.keys),
        h('td', {}, e.fields), h('td', { class: e.outcome === 'rejected' ? 'error' : null }, nameOf(outcomes, e.outcome)), h('td', {}, e.reason || ''), h('td', {}, e.clientAddress))))),
    pager(page, pages, (p) => partnerAccessView(p, filter))));
}

window.consoleViews = Object.assign(window.consoleViews || {}, {
  partners: partnersView,
  agreements: agreementsView,
  subscriptions: subscriptionsView,
  sharing: sharingView,
  'partner-access': () => partnerAccessView(1),
});
