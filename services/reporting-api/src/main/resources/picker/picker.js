// The reference candidate picker: sign in, worklist, session view, choices by click or key, next round live.
import * as api from './api.js';
import { followEvents } from './event-stream.js';
import { RECOMMENDED_COLOUR, candidateColour, compose, filled, outlined, regionOfInterest } from './overlay.js';

const $ = (id) => document.getElementById(id);
const state = {
  caller: null,
  session: null, // the worklist entry of the open session
  round: null, // the round shown (GET /sessions/{id}/rounds/{n})
  source: null, // ImageBitmap
  masks: new Map(), // segment number -> ImageBitmap
  visible: new Map(), // segment number -> boolean
  sentAt: null, // performance.now() when a choice was sent, until the next round is shown
  pendingRound: null, // the round we wait for after a choice
  busy: false,
  stream: null,
};

function status(text) {
  $('status').textContent = text;
}

function alertText(text) {
  const box = $('alert');
  box.textContent = text || '';
  box.hidden = !text;
}

function show(section) {
  for (const id of ['sign-in', 'worklist', 'session']) {
    $(id).hidden = id !== section;
  }
}

/** What a person should read for each failure of a call. */
function explain(error, action) {
  switch (error.status) {
    case 0: return 'The gateway cannot be reached (network down?). ' + action + ' again when it is back.';
    case 401: return 'Your sign-in is no longer accepted (' + error.message + '). Please sign in again.';
    case 403: return 'You may not do this: ' + error.message;
    case 404: return 'Not found: ' + error.message;
    case 409:
      if (error.code === 'STALE_ROUND') {
        return 'This round was superseded by a newer one; the latest round is shown now. ' + error.message;
      }
      if (error.code === 'SESSION_CLOSED') {
        return 'This session was already approved and is closed.';
      }
      if (error.code === 'DUPLICATE_CHOICE') {
        return 'This round already has a different decision: ' + error.message;
      }
      return error.message;
    case 429:
    case 503:
      return 'The gateway is busy; try again in ' + (error.retryAfter || 'a few') + ' seconds.';
    default: return action + ' failed: ' + error.message + ' (' + error.code + ')';
  }
}

function fail(error, action) {
  alertText(explain(error, action));
  if (error.status === 401) {
    signOut(false);
  }
}

// ---- sign-in -----------------------------------------------------------------------------------------------------

function signOut(clearToken = true) {
  if (clearToken) {
    api.token.clear();
  }
  if (state.stream) {
    state.stream.stop();
    state.stream = null;
  }
  state.caller = null;
  $('who').textContent = '';
  $('sign-out').hidden = true;
  show('sign-in');
  $('token').focus();
}

async function start() {
  api.token.fromFragment();
  $('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    api.token.set($('token').value.trim());
    sessionStorage.setItem('spa-picker-dev-clinician', $('dev-clinician').value.trim());
    $('token').value = '';
    alertText('');
    openWorklist();
  });
  $('dev-clinician').value = sessionStorage.getItem('spa-picker-dev-clinician') || $('dev-clinician').value;
  $('sign-out').addEventListener('click', () => signOut(true));
  $('refresh').addEventListener('click', openWorklist);
  $('back').addEventListener('click', openWorklist);
  $('approve').addEventListener('click', () => decide('APPROVE'));
  $('reject').addEventListener('click', () => decide('REJECT_ALL'));
  $('zoom').addEventListener('change', draw);
  $('opacity').addEventListener('input', () => {
    $('opacity').setAttribute('aria-valuetext', $('opacity').value + ' percent');
    draw();
  });
  document.addEventListener('keydown', onKey);
  await openWorklist();
}

// ---- worklist ----------------------------------------------------------------------------------------------------

async function openWorklist() {
  state.session = null;
  state.round = null;
  let list;
  try {
    list = await api.json('/sessions?status=open');
  } catch (error) {
    if (error.status === 401) {
      show('sign-in');
      status(api.token.get() ? '' : 'Sign in to see your sessions.');
      if (api.token.get()) {
        fail(error, 'Signing in');
      }
      return;
    }
    fail(error, 'Loading the worklist');
    return;
  }
  state.caller = list.caller;
  $('who').textContent = 'Signed in as ' + (list.caller.clinician ? list.caller.clinician.id : list.caller.subject)
      + (list.caller.verified ? '' : ' (development mode)');
  $('sign-out').hidden = false;
  const rows = $('worklist-rows');
  rows.replaceChildren();
  for (const session of list.sessions) {
    const row = document.createElement('tr');
    row.dataset.sessionId = session.sessionId;
    for (const text of [session.sessionId, session.task, session.modality,
      session.latestRound + (session.decided ? ' (next round being computed)' : ''),
      session.owner ? session.owner.id : 'unclaimed']) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    const cell = document.createElement('td');
    const open = document.createElement('button');
    open.type = 'button';
    open.textContent = 'Open';
    open.setAttribute('aria-label', 'Open session ' + session.sessionId);
    open.addEventListener('click', () => openSession(session));
    cell.append(open);
    row.append(cell);
    rows.append(row);
  }
  $('worklist-empty').hidden = list.sessions.length > 0;
  show('worklist');
  status(list.sessions.length + ' open session' + (list.sessions.length === 1 ? '' : 's') + '.');
  followLive();
}

// ---- live events -------------------------------------------------------------------------------------------------

function followLive() {
  if (state.stream) {
    return;
  }
  state.stream = followEvents({
    onEvent: onSessionEvent,
    onState(what, detail) {
      if (what === 'open') {
        status('Live updates connected.');
        if (state.session) {
          catchUp();
        }
      } else if (what === 'retrying') {
        status('Live updates lost (' + detail.reason + '); reconnecting in '
            + Math.round(detail.delayMs / 1000) + ' s.');
      } else if (what === 'unauthorised') {
        state.stream = null;
        fail({ status: 401, code: 'UNAUTHORIZED', message: 'the live updates were refused' }, 'Following');
      }
    },
  });
}

/** The worklist shown is refreshed on events, at most once every few seconds (each refresh is an audited query). */
const WORKLIST_REFRESH_MS = 3000;
let worklistRefresh = null;

function onSessionEvent(type, event) {
  if (!state.session || event.sessionId !== state.session.sessionId) {
    if (!$('worklist').hidden && worklistRefresh === null) {
      worklistRefresh = setTimeout(() => {
        worklistRefresh = null;
        if (!$('worklist').hidden) {
          openWorklist();
        }
      }, WORKLIST_REFRESH_MS);
    }
    return;
  }
  if (type === 'candidates-ready' && state.round && event.round > state.round.round) {
    showRound(event.round);
  } else if (type === 'session-approved') {
    closed('Session approved (round ' + event.round + '' + (event.approvedBy ? ', by ' + event.approvedBy : '')
        + '). Its final segmentation is stored; the gateway exports it to PACS.');
  }
}

/** After a reconnect: a round may have come while the stream was down. */
async function catchUp() {
  const session = state.session;
  try {
    const summary = await api.json(api.sessionPath(session.sessionId));
    if (state.session !== session) {
      return; // another session was opened meanwhile
    }
    if (summary.status === 'APPROVED') {
      closed('This session was approved and is closed.');
    } else if (state.round && summary.latestRound > state.round.round) {
      showRound(summary.latestRound);
    }
  } catch (error) {
    fail(error, 'Reading the session');
  }
}

// ---- session view ------------------------------------------------------------------------------------------------

async function openSession(session) {
  state.session = session;
  state.round = null;
  state.source = null;
  state.masks = new Map();
  state.visible = new Map();
  state.sentAt = null;
  alertText('');
  $('session-title').textContent = 'Session ' + session.sessionId;
  show('session');
  let source;
  try {
    source = await api.image(api.sessionPath(session.sessionId) + '/source.png');
  } catch (error) {
    if (state.session === session) {
      fail(error, 'Loading the image');
    }
    return;
  }
  if (state.session !== session) {
    return; // another session was opened while this one's image loaded
  }
  state.source = source;
  await showRound(session.latestRound);
  $('session-title').focus?.();
}

async function showRound(number) {
  const session = state.session;
  const base = api.sessionPath(session.sessionId) + '/rounds/' + number;
  let round;
  const masks = new Map();
  try {
    round = await api.json(base);
    const segments = [round.recommended, ...round.candidates].filter(Boolean);
    const bitmaps = await Promise.all(segments.map((segment) =>
      api.image(base + '/segments/' + segment.segmentNumber + '.png')));
    segments.forEach((segment, i) => masks.set(segment.segmentNumber, bitmaps[i]));
  } catch (error) {
    if (state.session === session) {
      fail(error, 'Loading round ' + number);
    }
    return;
  }
  if (state.session !== session || round.sessionId !== session.sessionId) {
    return; // the clinician went on to another session meanwhile: never show (or choose on) this one there
  }
  if (state.round && state.round.round > round.round) {
    return; // a newer round is already shown
  }
  state.round = round;
  state.masks = masks;
  for (const number of masks.keys()) {
    if (!state.visible.has(number)) {
      state.visible.set(number, true);
    }
  }
  renderRound();
  if (state.sentAt !== null && round.round >= state.pendingRound) {
    const seconds = ((performance.now() - state.sentAt) / 1000).toFixed(2);
    $('timing').textContent = 'Round ' + round.round + ' shown ' + seconds + ' s after the choice was sent.';
    state.sentAt = null;
  }
  if (round.status === 'APPROVED') {
    closed('This session was approved and is closed.');
  } else {
    setBusy(round.decision !== undefined);
    status('Round ' + round.round + ': ' + round.candidates.length + ' candidates. Choose with 1-'
        + round.candidates.length + ', approve with A, reject all with R.');
  }
}

function renderRound() {
  const round = state.round;
  $('session').dataset.round = String(round.round);
  $('round-info').textContent = 'Round ' + round.round + ' of session ' + round.sessionId + ' · ' + round.task
      + ' · ' + round.modality + (round.sampleCount ? ' · ' + round.sampleCount + ' samples drawn' : '')
      + (round.owner ? ' · owner ' + round.owner.id : ' · unclaimed');
  const legend = $('legend');
  legend.replaceChildren(legendItem(RECOMMENDED_COLOUR, 'Recommended (filled), ' + round.recommended.areaPixels
      + ' px'));
  const candidates = $('candidates');
  candidates.replaceChildren();
  const toggles = $('overlay-toggles');
  toggles.replaceChildren(toggle(1, 'Recommended', RECOMMENDED_COLOUR));
  for (const candidate of round.candidates) {
    const colour = candidateColour(candidate.rank);
    legend.append(legendItem(colour, 'Candidate ' + candidate.rank + ' (outline)'));
    toggles.append(toggle(candidate.segmentNumber, 'Candidate ' + candidate.rank, colour));
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'candidate';
    button.dataset.rank = String(candidate.rank);
    button.setAttribute('aria-pressed', String(round.decision?.candidateRank === candidate.rank));
    const canvas = document.createElement('canvas');
    canvas.className = 'image';
    canvas.dataset.segmentNumber = String(candidate.segmentNumber);
    canvas.setAttribute('aria-hidden', 'true');
    const label = document.createElement('span');
    label.className = 'label';
    const samples = candidate.samplesRepresented !== undefined
      ? candidate.samplesRepresented + (round.sampleCount ? ' of ' + round.sampleCount : '') + ' samples'
      : 'samples unknown';
    label.append(legendItem(colour, ''), document.createTextNode('Candidate ' + candidate.rank),
        document.createElement('br'), document.createTextNode(samples + ' · ' + candidate.areaPixels + ' px'));
    button.setAttribute('aria-label', 'Choose candidate ' + candidate.rank + ' (key ' + candidate.rank + '): '
        + samples + ', ' + candidate.areaPixels + ' pixels');
    button.addEventListener('click', () => decide('CANDIDATE', candidate.rank));
    button.append(canvas, label);
    candidates.append(button);
  }
  draw();
}

function legendItem(colour, text) {
  const item = document.createElement('span');
  const swatch = document.createElement('span');
  swatch.className = 'swatch';
  swatch.style.background = colour;
  item.append(swatch, document.createTextNode(text));
  return item;
}

function toggle(segmentNumber, text, colour) {
  const id = 'toggle-' + segmentNumber;
  const wrapper = document.createElement('span');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.id = id;
  box.checked = state.visible.get(segmentNumber) !== false;
  box.addEventListener('change', () => {
    state.visible.set(segmentNumber, box.checked);
    draw();
  });
  const label = document.createElement('label');
  label.htmlFor = id;
  label.append(legendItem(colour, text));
  wrapper.append(box, label);
  return wrapper;
}

function draw() {
  if (!state.round || !state.source) {
    return;
  }
  const round = state.round;
  const alpha = Number($('opacity').value) / 100;
  const layers = [];
  if (state.visible.get(1) !== false && state.masks.has(1)) {
    layers.push({ canvas: filled(state.masks.get(1), RECOMMENDED_COLOUR), alpha: 0.35 });
  }
  for (const candidate of round.candidates) {
    if (state.visible.get(candidate.segmentNumber) !== false) {
      layers.push({ canvas: outlined(state.masks.get(candidate.segmentNumber), candidateColour(candidate.rank)),
        alpha: 1 });
    }
  }
  const region = $('zoom').checked
    ? regionOfInterest([...state.masks.values()], state.source.width, state.source.height) : null;
  compose($('large'), state.source, layers, region);
  $('large').dataset.region = region ? [region.x, region.y, region.width, region.height].join(',') : '';
  for (const canvas of $('candidates').querySelectorAll('canvas')) {
    const number = Number(canvas.dataset.segmentNumber);
    const rank = Number(canvas.closest('button.candidate').dataset.rank);
    const own = state.visible.get(number) !== false
      ? [{ canvas: filled(state.masks.get(number), candidateColour(rank)), alpha }] : [];
    compose(canvas, state.source, own);
  }
}

function setBusy(busy) {
  state.busy = busy;
  for (const button of document.querySelectorAll('#candidates button, #approve, #reject')) {
    button.disabled = busy;
  }
}

function closed(text) {
  setBusy(true);
  status(text);
  $('timing').textContent = $('timing').textContent;
}

// ---- choosing ----------------------------------------------------------------------------------------------------

function onKey(event) {
  if ($('session').hidden || event.ctrlKey || event.metaKey || event.altKey) {
    return;
  }
  if (event.isComposing || event.repeat || (event.target instanceof Element && event.target.closest(
      'input:not([type=checkbox]):not([type=range]), textarea, select, [contenteditable]'))) {
    return; // typing, or a key held down: never a choice
  }
  const key = event.key.toLowerCase();
  if (/^[1-9]$/.test(key) && state.round && Number(key) <= state.round.candidates.length) {
    event.preventDefault();
    decide('CANDIDATE', Number(key));
  } else if (key === 'a') {
    event.preventDefault();
    decide('APPROVE');
  } else if (key === 'r') {
    event.preventDefault();
    decide('REJECT_ALL');
  }
}

/** The clinician the choice names: the token's; in development mode the owner, else the id typed at sign-in. */
function clinician() {
  if (state.caller && state.caller.clinician) {
    return state.caller.clinician;
  }
  if (state.round && state.round.owner) {
    return state.round.owner;
  }
  return { id: sessionStorage.getItem('spa-picker-dev-clinician') || 'demo-clinician', system: 'urn:spa-gateway:demo' };
}

async function decide(decision, rank) {
  if (!state.round || state.busy) {
    return;
  }
  const round = state.round;
  const body = { sessionId: round.sessionId, round: round.round, decision, clinician: clinician() };
  if (decision === 'CANDIDATE') {
    const candidate = round.candidates.find((c) => c.rank === rank);
    if (!candidate) {
      return;
    }
    body.candidate = { rank, segmentNumber: candidate.segmentNumber };
  }
  alertText('');
  setBusy(true);
  state.sentAt = performance.now();
  state.pendingRound = round.round + 1;
  const what = decision === 'CANDIDATE' ? 'Candidate ' + rank + ' chosen'
    : decision === 'APPROVE' ? 'Recommendation approved' : 'All candidates rejected';
  status(what + ' for round ' + round.round + '; sending…');
  let answer;
  try {
    answer = await api.postChoice(body);
  } catch (error) {
    state.sentAt = null;
    fail(error, 'Sending the choice');
    if (error.code === 'STALE_ROUND') {
      catchUp();
      setBusy(false);
    } else if (error.code === 'SESSION_CLOSED') {
      closed('This session was approved and is closed.');
    } else if (error.status !== 401) {
      setBusy(false);
    }
    return;
  }
  for (const button of $('candidates').querySelectorAll('button')) {
    button.setAttribute('aria-pressed', String(decision === 'CANDIDATE' && Number(button.dataset.rank) === rank));
  }
  if (decision === 'APPROVE') {
    status(what + ' (' + answer.status + '). The final segmentation is being written.');
  } else {
    status(what + ' (' + answer.status + '). Waiting for round ' + answer.nextRound + '…');
  }
}

start();
