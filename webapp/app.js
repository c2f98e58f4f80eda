'use strict';
// The page talks to the server like any client: XML-RPC over POST (documents as base64 text),
// and GET /status for the workers, the charts and the jobs. No build step, no library.

const $ = (id) => document.getElementById(id);

class Fault extends Error {}

function xmlEscape(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function toValue(value) {
  if (typeof value === 'string') return '<value><string>' + xmlEscape(value) + '</string></value>';
  if (typeof value === 'boolean') return '<value><boolean>' + (value ? 1 : 0) + '</boolean></value>';
  if (typeof value === 'number') return '<value><int>' + value + '</int></value>';
  if (Array.isArray(value)) return '<value><array><data>' + value.map(toValue).join('') + '</data></array></value>';
  return '<value><struct>' + Object.entries(value).map(([name, member]) =>
    '<member><name>' + xmlEscape(name) + '</name>' + toValue(member) + '</member>').join('') + '</struct></value>';
}

function fromValue(node) {
  const typed = node.firstElementChild;
  if (!typed) return node.textContent;
  switch (typed.tagName) {
    case 'int': case 'i4': case 'i8': case 'double': return Number(typed.textContent);
    case 'boolean': return typed.textContent.trim() === '1';
    case 'nil': return null;
    case 'array': return Array.from(typed.querySelector('data').children).map(fromValue);
    case 'struct': {
      const struct = {};
      for (const member of typed.children) {
        struct[member.querySelector('name').textContent] = fromValue(member.querySelector('value'));
      }
      return struct;
    }
    default: return typed.textContent;
  }
}

async function call(method, ...params) {
  const body = '<?xml version="1.0"?><methodCall><methodName>' + method + '</methodName><params>'
    + params.map((param) => '<param>' + toValue(param) + '</param>').join('') + '</params></methodCall>';
  const response = await fetch('RPC2', { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body });
  if (!response.ok) throw new Error('the server answered HTTP ' + response.status);
  const xml = new DOMParser().parseFromString(await response.text(), 'text/xml');
  if (xml.querySelector('parsererror')) throw new Error('the server sent an unreadable answer');
  const fault = xml.querySelector('methodResponse > fault > value');
  if (fault) throw new Fault(fromValue(fault).faultString);
  return fromValue(xml.querySelector('methodResponse > params > param > value'));
}

function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result.slice(reader.result.indexOf(',') + 1));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function base64Bytes(text) {
  const binary = atob(text.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function extensionOf(name) {
  const match = /\.([^./]+)$/.exec(name);
  return match ? match[1].toLowerCase() : '';
}

function show(kind, ...parts) {
  const message = $('message');
  message.className = kind;
  message.replaceChildren(...parts);
}

function resetTargets(text) {
  const target = $('target');
  target.replaceChildren(new Option(text, ''));
  target.disabled = true;
  $('convert-button').disabled = true;
}

async function onFileChosen() {
  show('');
  resetTargets('choose a document first');
  const file = $('file').files[0];
  if (!file) return;
  const extension = extensionOf(file.name);
  if (!extension) {
    show('error', `"${file.name}" has no extension: the server reads the format from it (rename it, e.g. report.docx).`);
    return;
  }
  try {
    const targets = (await call('getAllowedExtensionList', { extension })).filter(([ext]) => ext);
    if (targets.length === 0) {
      show('error', `No conversion is known for .${extension} files.`);
      resetTargets('no target for .' + extension);
      return;
    }
    targets.sort((a, b) => a[1].localeCompare(b[1]));
    $('target').replaceChildren(...targets.map(([ext, title]) => new Option(`${title} (.${ext})`, ext)));
    $('target').disabled = false;
    $('convert-button').disabled = false;
  } catch (error) {
    show('error', `Could not list the formats for .${extension}: ${error.message}`);
  }
}

async function onConvert(event) {
  event.preventDefault();
  const file = $('file').files[0];
  const target = $('target').value;
  if (!file || !target) return;
  if (file.size === 0) {
    show('error', `"${file.name}" is empty.`);
    return;
  }
  $('convert-button').disabled = true;
  show('', `Converting ${file.name} to ${target}…`);
  const started = performance.now();
  try {
    const result = await call('convertFile', await readBase64(file), extensionOf(file.name), target);
    const name = file.name.replace(/\.[^.]+$/, '') + '.' + target.split('.').pop();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([base64Bytes(result)], { type: 'application/octet-stream' }));
    link.download = name;
    link.textContent = 'Download ' + name;
    link.id = 'download';
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    show('done', `Converted in ${seconds} s. `, link);
    link.click();
  } catch (error) {
    const what = error instanceof Fault ? 'The server could not convert' : 'Converting failed for';
    show('error', `${what} ${file.name}: ${error.message}`);
  } finally {
    $('convert-button').disabled = false;
  }
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

/** A row of one cell across the table, saying why it has no other. */
function emptyRow(text, columns) {
  const row = document.createElement('tr');
  const empty = cell(text);
  empty.colSpan = columns;
  row.append(empty);
  return row;
}

function renderStatus(status) {
  $('version').textContent = 'version ' + status.version;
  const minutes = Math.floor(status.uptime_seconds / 60);
  const queued = status.pools.reduce((sum, pool) => sum + pool.queue_length, 0);
  $('summary').textContent = `Health: ${status.health}${status.health_reason ? ' (' + status.health_reason + ')' : ''}`
    + ` · up ${minutes} min · ${queued} request(s) queued`;
  const rows = [];
  for (const pool of status.pools) {
    for (const worker of pool.workers) {
      const row = document.createElement('tr');
      row.append(
        cell(pool.name), cell(worker.id), cell(worker.pid > 0 ? String(worker.pid) : '–', 'number'),
        cell(worker.state + (worker.pid > 0 && !worker.process_running ? ' (process not running)' : ''), 'state-' + worker.state),
        cell(String(worker.uses), 'number'), cell((worker.rss_bytes / 1048576).toFixed(1) + ' MB', 'number'),
        cell(worker.current_task_ms > 0 ? (worker.current_task_ms / 1000).toFixed(1) + ' s' : '–', 'number'));
      rows.push(row);
    }
  }
  if (rows.length === 0) rows.push(emptyRow('This server runs no worker pool.', 7));
  $('worker-rows').replaceChildren(...rows);
  renderJobs(status.jobs);
}

function renderJobs(jobs) {
  $('job-summary').textContent = Object.entries(jobs.counts).map(([state, count]) => `${count} ${state}`).join(' · ');
  const rows = jobs.recent.map(job => {
    const row = document.createElement('tr');
    row.append(cell(job.ticket), cell(job.state, 'state-' + job.state), cell(job.submitted),
      cell(String(job.items.length), 'number'), cell(job.error || ''));
    return row;
  });
  if (rows.length === 0) rows.push(emptyRow('No job yet.', 5));
  $('job-rows').replaceChildren(...rows);
}

// The charts draw /status's recent_conversions, which the server keeps: they are whole from
// the first load, not only from when the page was opened.
const SVG_NS = 'http://www.w3.org/2000/svg';
const CHART = { width: 360, height: 150, left: 44, right: 8, top: 8, bottom: 20 };
const SERIES_CLASSES = 4;

function svgElement(name, attributes, text) {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

// A top for the y axis of 1, 2 or 5 times a power of ten: a scale read at a glance.
function roundUp(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((top) => top >= value);
}

// One line per pool (broken where valueOf gives null), a dot where conversions ended.
function drawChart(svg, series, valueOf, unit, windowLabel) {
  const { width, height, left, right, top, bottom } = CHART;
  const values = series.flatMap(({ samples }) => samples.map(valueOf)).filter((value) => value !== null);
  const max = roundUp(Math.max(0, ...values));
  const count = series.length > 0 ? series[0].samples.length : 2;
  const x = (i) => left + i * (width - left - right) / Math.max(count - 1, 1);
  const y = (value) => top + (height - top - bottom) * (1 - value / max);
  const label = (px, py, text, anchor) => svgElement('text', { class: 'axis-label', x: px, y: py, 'text-anchor': anchor }, text);
  const parts = [
    svgElement('line', { class: 'axis', x1: left, y1: y(0), x2: width - right, y2: y(0) }),
    svgElement('line', { class: 'axis', x1: left, y1: top, x2: left, y2: y(0) }),
    label(left - 4, top + 8, Number(max.toPrecision(2)) + unit, 'end'), label(left - 4, y(0), '0', 'end'),
    label(left, height - 4, windowLabel, 'start'), label(width - right, height - 4, 'now', 'end'),
  ];
  series.forEach(({ pool, samples }, index) => {
    const className = 'series-' + (index % SERIES_CLASSES);
    let path = '';
    let penDown = false;
    samples.forEach((sample, i) => {
      const value = valueOf(sample);
      if (value === null) {
        penDown = false;
        return;
      }
      path += (penDown ? 'L' : 'M') + x(i).toFixed(1) + ' ' + y(value).toFixed(1) + ' ';
      penDown = true;
      if (sample.conversions > 0) {
        parts.push(svgElement('circle', { class: 'point ' + className, cx: x(i).toFixed(1), cy: y(value).toFixed(1), r: 2.5, 'data-pool': pool }));
      }
    });
    parts.push(svgElement('path', { class: 'line ' + className, d: path.trim(), 'data-pool': pool }));
  });
  svg.replaceChildren(...parts);
}

function renderCharts(recent) {
  const series = Object.entries(recent.pools).map(([pool, samples]) => ({ pool, samples }));
  const minutes = series.length > 0 ? Math.round(series[0].samples.length * recent.interval_seconds / 60) : 10;
  const windowLabel = `−${minutes} min`;
  drawChart($('rate-chart'), series, (sample) => sample.per_second, '/s', windowLabel);
  drawChart($('latency-chart'), series, (sample) => (sample.conversions > 0 ? sample.p95_ms / 1000 : null), ' s', windowLabel);
  const legend = series.flatMap(({ pool, samples }, index) => {
    const swatch = document.createElement('span');
    swatch.className = 'swatch series-' + (index % SERIES_CLASSES);
    const total = samples.reduce((sum, sample) => sum + sample.conversions, 0);
    return [swatch, `${pool}: ${total} conversion(s)`];
  });
  $('chart-legend').replaceChildren(...(legend.length > 0 ? legend : [`No conversion in the last ${minutes} minutes.`]));
}

async function refreshStatus() {
  try {
    const response = await fetch('status', { cache: 'no-store' });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    const status = await response.json();
    renderStatus(status);
    renderCharts(status.recent_conversions);
  } catch (error) {
    $('summary').textContent = 'Status unavailable: ' + error.message;
  } finally {
    setTimeout(refreshStatus, 2000);
  }
}

$('file').addEventListener('change', onFileChosen);
$('convert-form').addEventListener('submit', onConvert);
refreshStatus();
