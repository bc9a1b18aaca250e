// Voice and video calls in chats of two: the server rings and relays (call:* events), the media go peer to peer
// through one RTCPeerConnection per call, with the ICE servers of GET /api/v1/calls/ice-servers.
// One call at a time per device; see docs/web-client.md, "Calls".

import { $, el, newClientMessageId } from './util.js';

const ICE_SERVERS = '/api/v1/calls/ice-servers';
const ACK_TIMEOUT_MS = 8000;
const ENDED_SHOWN_MS = 4000;
const REBIND_RETRY_MS = 1000;
const LIVE = new Set(['outgoing', 'incoming', 'connecting', 'connected', 'elsewhere']);

const ERROR_TEXT = {
  BUSY: 'You are already in a call (maybe on another device).',
  BLOCKED: 'You cannot call this person.',
  NOT_FOUND: 'There is no such user.',
  FORBIDDEN: 'Calls are for chats of two.',
  RATE_LIMITED: 'Too many calls: wait a minute.',
  CALL_NOT_FOUND: 'That call is over.',
  CALL_STATE: 'That call is over.',
};

/** "Voice call" or "Video call". */
const typeName = (callType) => (callType === 'video' ? 'Video call' : 'Voice call');

/** m:ss, or h:mm:ss from an hour on. */
export function formatDuration(seconds) {
  const s = Math.max(0, Math.floor(Number(seconds) || 0));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/**
 * A call log entry's words, for the timeline and the list preview, from my side: "Missed voice call" for a
 * callee who did not take it; "Video call · 1:05" once it was talked; "Voice call · No answer" for the caller.
 */
export function callSummary(call, myId) {
  const c = call || {};
  const type = typeName(c.callType);
  const lower = type.toLowerCase();
  const mine = c.caller === myId;
  switch (c.outcome) {
    case 'completed':
      return `${type} · ${formatDuration(c.durationSeconds)}`;
    case 'rejected':
      return mine ? `${type} · Declined` : `Declined ${lower}`;
    case 'missed':
      return mine ? `${type} · No answer` : `Missed ${lower}`;
    case 'cancelled':
      return mine ? `${type} · Cancelled` : `Missed ${lower}`;
    case 'busy':
      return mine ? `${type} · Busy` : `Missed ${lower}`;
    case 'failed':
      return `${type} · Failed`;
    default:
      return type;
  }
}

/**
 * request(event, data, timeoutMs) sends over the realtime socket with an ack (rejects when not connected);
 * emit(event, data) sends without one. onChatKnown(otherId, chatId) tells the app the chat a call lives in.
 */
export function createCalls({ api, request, emit, me, nameOf, toast, onChatKnown }) {
  let call = null; // see newCall
  let ice = null; // {servers, until}
  let endedTimer = null;
  let clockTimer = null;
  let ringtone = null;

  function newCall(fields) {
    return {
      callId: '',
      chatId: null,
      callType: 'audio',
      role: 'caller', // 'caller' | 'callee' | 'elsewhere' (another device of mine has it)
      state: 'outgoing', // 'outgoing' | 'incoming' | 'connecting' | 'connected' | 'ended' | 'elsewhere'
      peerId: '',
      peerName: '',
      invited: false, // the server took my invite (caller)
      accepted: false, // the server says accepted: controls are relayed from then on
      offered: false, // this (caller's) device made its first offer: another one restarts ICE
      early: [], // events of an unknown call that came while my invite awaited its ack (the ack may name it)
      rejoins: 0, // times the caller came back on a new connection (call:rejoined), on the callee's device
      awaitingOffer: false, // callee: the caller came back; its new offer replaces the remote side
      pc: null,
      ready: null, // resolves once media and the peer connection are set up on this device
      local: null,
      remote: null,
      pendingCandidates: [],
      muted: false,
      videoOn: false,
      remoteMuted: false,
      remoteVideo: false,
      connectedAt: 0,
      durationSeconds: null, // told by call:end
      outcome: null,
      note: '',
      ...fields,
    };
  }

  const live = () => Boolean(call && LIVE.has(call.state));
  /** This call is no longer the page's, or is over: a step that awaited something stops there. */
  const gone = (current) => call !== current || current.state === 'ended';

  // ------------------------------------------------------------ signaling

  async function ask(event, data) {
    const ack = await request(event, data, ACK_TIMEOUT_MS);
    if (ack && ack.ok) return ack;
    const error = (ack && ack.error) || {};
    const failure = new Error(error.message || 'Refused.');
    failure.code = error.code || 'INTERNAL';
    throw failure;
  }

  /**
   * Relayed events (offer, answer, candidates, controls): nothing waits for their ack, and a lost one is not sent
   * again; a refused offer (the call ended meanwhile) ends the call here.
   */
  function relay(event, data) {
    request(event, data, ACK_TIMEOUT_MS)
      .then((ack) => {
        if (ack && ack.ok === false && call && call.callId === data.callId && event === 'call:offer') {
          hangUp('failed');
        }
      })
      .catch(() => {});
  }

  async function iceServers() {
    if (ice && ice.until > Date.now()) return ice.servers;
    try {
      const data = await api.get(ICE_SERVERS);
      const servers = Array.isArray(data.iceServers) ? data.iceServers.filter((s) => s && s.urls) : [];
      const ttl = Number(data.ttlSeconds) > 0 ? Number(data.ttlSeconds) : 3600;
      // Half the lifetime: a credential must outlive the call that starts with it.
      ice = { servers, until: Date.now() + (ttl * 1000) / 2 };
      return servers;
    } catch {
      // No list (an older server, a hiccup): host candidates still connect two devices on one network.
      return [];
    }
  }

  /** The microphone, and the camera for a video call; a camera that fails leaves a voice call; none, no media. */
  async function media(callType) {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return new MediaStream();
    try {
      return await navigator.mediaDevices.getUserMedia({ audio: true, video: callType === 'video' });
    } catch {
      if (callType === 'video') {
        try {
          const audio = await navigator.mediaDevices.getUserMedia({ audio: true });
          toast('No camera: the call goes on with sound only.', true);
          return audio;
        } catch {
          // neither: listen only
        }
      }
      toast(`No microphone${callType === 'video' ? ' or camera' : ''}: you can listen only.`, true);
      return new MediaStream();
    }
  }

  /** Closes a peer connection that no longer serves the call, without a word from its handlers. */
  function closePeer(pc) {
    pc.onicecandidate = null;
    pc.ontrack = null;
    pc.onconnectionstatechange = null;
    pc.close();
  }

  function createPeer(current, servers) {
    const pc = new RTCPeerConnection({ iceServers: servers });
    current.pc = pc;
    current.remote = new MediaStream();
    pc.onicecandidate = (event) => {
      if (event.candidate && call === current) {
        relay('call:ice-candidate', { callId: current.callId, candidate: event.candidate.toJSON() });
      }
    };
    pc.ontrack = (event) => {
      if (!current.remote.getTracks().includes(event.track)) current.remote.addTrack(event.track);
      render();
    };
    pc.onconnectionstatechange = () => {
      if (call !== current) return;
      const connection = pc.connectionState;
      $('#call-panel').dataset.connection = connection;
      if (connection === 'connected' && current.state !== 'connected') {
        current.state = 'connected';
        current.connectedAt = Date.now();
        startClock();
        render();
      } else if (connection === 'failed') {
        hangUp('failed');
      }
    };
    return pc;
  }

  /** Each kind (audio, video) gets a two-way transceiver: a camera turned on later needs no new offer. */
  async function attachLocal(current) {
    const pc = current.pc;
    for (const kind of ['audio', 'video']) {
      const track = current.local.getTracks().find((t) => t.kind === kind) || null;
      let transceiver = pc.getTransceivers().find((t) => t.receiver.track && t.receiver.track.kind === kind);
      if (!transceiver) {
        transceiver = pc.addTransceiver(track || kind, { direction: 'sendrecv', streams: [current.local] });
      } else {
        transceiver.direction = 'sendrecv';
        await transceiver.sender.replaceTrack(track);
      }
    }
  }

  function asDescription(value, type) {
    return typeof value === 'string' ? { type, sdp: value } : value;
  }

  async function addCandidate(current, candidate) {
    const init = typeof candidate === 'string' ? { candidate, sdpMLineIndex: 0 } : candidate;
    try {
      await current.pc.addIceCandidate(init);
    } catch {
      // A candidate the browser cannot use (another network, a bad line) is skipped; others may still work.
    }
  }

  async function flushCandidates(current) {
    const queued = current.pendingCandidates.splice(0);
    for (const candidate of queued) await addCandidate(current, candidate);
  }

  // ------------------------------------------------------------ my actions

  /** Rings otherId from this device. */
  async function start({ otherId, otherName, chatId, callType }) {
    if (live()) {
      toast('You are already in a call.', true);
      return;
    }
    const current = newCall({
      callId: newClientMessageId(),
      chatId: chatId || null,
      callType: callType === 'video' ? 'video' : 'audio',
      role: 'caller',
      state: 'outgoing',
      peerId: otherId,
      peerName: otherName || nameOf(otherId),
      note: 'Calling…',
    });
    setCall(current);
    // Media first: a browser that asks for permission does so before the other side rings.
    const [local, servers] = await Promise.all([media(current.callType), iceServers()]);
    current.local = local;
    current.videoOn = local.getVideoTracks().length > 0;
    if (gone(current)) {
      stopMedia(current);
      return;
    }
    createPeer(current, servers);
    await attachLocal(current);
    if (gone(current)) {
      stopMedia(current);
      return;
    }
    render();
    const proposed = current.callId;
    let ack;
    try {
      ack = await ask('call:invite', { to: otherId, callType: current.callType, callId: proposed });
    } catch (error) {
      current.early = [];
      if (!gone(current)) refused(current, error);
      return;
    }
    const answer = ack.call || {};
    // The server's id is the call's: the one proposed may be another caller's call, and then it made a fresh one.
    const callId = typeof answer.callId === 'string' && answer.callId ? answer.callId : proposed;
    const early = current.early.splice(0);
    if (gone(current)) {
      // Hung up while the invite was on its way: call:end went out under the proposed id, which is not this call's.
      if (callId !== proposed && (answer.state === 'ringing' || answer.state === 'accepted')) {
        ask('call:end', { callId }).catch(() => {});
      }
      return;
    }
    current.callId = callId;
    current.invited = true;
    if (answer.chatId) {
      current.chatId = answer.chatId;
      onChatKnown(otherId, answer.chatId);
    }
    if (answer.state && answer.state !== 'ringing' && answer.state !== 'accepted') {
      // Created and ended at once (the other side is in a call): call:end says how.
      finish(current, answer.outcome || answer.state);
      return;
    }
    if (current.state === 'outgoing') current.note = 'Ringing…';
    render();
    for (const [event, data] of early) if (data.callId === callId) handleEvent(event, data);
  }

  async function accept() {
    const current = call;
    if (!current || current.state !== 'incoming') return;
    stopRinging();
    current.state = 'connecting';
    current.note = 'Connecting…';
    render();
    current.ready = (async () => {
      const [local, servers] = await Promise.all([media(current.callType), iceServers()]);
      current.local = local;
      current.videoOn = local.getVideoTracks().length > 0;
      createPeer(current, servers);
    })();
    await current.ready;
    if (gone(current)) {
      stopMedia(current);
      return;
    }
    render();
    try {
      const ack = await ask('call:accept', { callId: current.callId });
      if (ack.call && ack.call.chatId) current.chatId = ack.call.chatId;
    } catch (error) {
      if (!gone(current)) refused(current, error);
      return;
    }
    if (gone(current)) return;
    current.accepted = true;
    announceControls(current);
  }

  async function reject() {
    const current = call;
    if (!current || current.state !== 'incoming') return;
    finish(current, 'rejected');
    try {
      await ask('call:reject', { callId: current.callId });
    } catch {
      // Ended meanwhile (cancelled, missed, answered elsewhere): nothing left to refuse.
    }
  }

  /** Ends my call: cancels it while it rings, hangs it up once accepted; outcome is what this page shows. */
  function hangUp(outcome) {
    const current = call;
    if (!current || !live() || current.role === 'elsewhere') return;
    const shown = outcome || (current.accepted || current.state === 'connected' ? 'completed' : 'cancelled');
    finish(current, shown);
    ask('call:end', { callId: current.callId }).catch(() => {});
  }

  function toggleMute() {
    const current = call;
    if (!current || !current.local) return;
    current.muted = !current.muted;
    for (const track of current.local.getAudioTracks()) track.enabled = !current.muted;
    if (current.accepted) relay('call:mute', { callId: current.callId, muted: current.muted });
    render();
  }

  async function toggleVideo() {
    const current = call;
    if (!current || !current.local || !current.pc) return;
    const on = !current.videoOn;
    let track = current.local.getVideoTracks()[0];
    if (on && !track) {
      // A voice call turning its camera on: the video transceiver is there already, give it a track.
      try {
        const camera = await navigator.mediaDevices.getUserMedia({ video: true });
        track = camera.getVideoTracks()[0];
      } catch {
        toast('The camera cannot be used.', true);
        return;
      }
      if (gone(current)) {
        track.stop();
        return;
      }
      current.local.addTrack(track);
      const transceiver = current.pc
        .getTransceivers()
        .find((t) => t.receiver.track && t.receiver.track.kind === 'video');
      if (transceiver) await transceiver.sender.replaceTrack(track);
    }
    if (track) track.enabled = on;
    current.videoOn = on;
    if (current.accepted) relay('call:video', { callId: current.callId, enabled: on });
    render();
  }

  /** What the other side should know once the call is accepted: a microphone muted, a camera off, beforehand. */
  function announceControls(current) {
    if (current.muted) relay('call:mute', { callId: current.callId, muted: true });
    if (current.callType === 'video' && !current.videoOn) {
      relay('call:video', { callId: current.callId, enabled: false });
    }
  }

  // ------------------------------------------------------------ server events

  function handleEvent(event, data) {
    const callId = data && data.callId;
    if (!callId) return;
    const mine = Boolean(call && call.callId === callId);
    if (!mine && event !== 'call:invite' && event !== 'call:ringing' && awaitingInviteAck()) {
      // Perhaps my call under the id the server gave it, told before the invite's ack: taken up after the ack.
      if (call.early.length < 50) call.early.push([event, data]);
      return;
    }
    switch (event) {
      case 'call:invite':
        onInvite(data);
        break;
      case 'call:ringing':
        // Another device of mine is calling: this one shows it, and cannot start another.
        if (!live()) {
          setCall(
            newCall({
              callId,
              chatId: data.chatId || null,
              callType: data.callType === 'video' ? 'video' : 'audio',
              role: 'elsewhere',
              state: 'elsewhere',
              peerId: data.to || data.callee || '',
              peerName: nameOf(data.to || data.callee || ''),
              note: 'Calling on another device…',
            }),
          );
        }
        break;
      case 'call:accept':
        if (mine && call.role === 'caller') onAccepted();
        break;
      case 'call:rejoined':
        if (mine && call.role === 'callee') onRejoined();
        break;
      case 'call:answered-elsewhere':
        if (mine) {
          finish(call, null, call.role === 'callee' ? 'Answered on another device' : 'In a call on another device');
        }
        break;
      case 'call:reject':
        if (mine && call.role === 'caller') finish(call, 'rejected');
        break;
      case 'call:end':
        if (mine) {
          if (typeof data.durationSeconds === 'number') call.durationSeconds = data.durationSeconds;
          finish(call, data.outcome || 'completed');
        }
        break;
      case 'call:offer':
        if (mine) onOffer(data.offer);
        break;
      case 'call:answer':
        if (mine) onAnswer(data.answer);
        break;
      case 'call:ice-candidate':
        if (mine && data.candidate) onCandidate(data.candidate);
        break;
      case 'call:mute':
        if (mine) {
          call.remoteMuted = Boolean(data.muted);
          render();
        }
        break;
      case 'call:video':
        if (mine) {
          call.remoteVideo = data.enabled !== false;
          render();
        }
        break;
      default:
        // call:camera-switch: the new camera's picture simply arrives on the same track.
        break;
    }
  }

  /** This page's invite is on its way and the server has not said the call's id yet. */
  const awaitingInviteAck = () =>
    Boolean(call && call.role === 'caller' && call.state === 'outgoing' && !call.invited);

  function onInvite(data) {
    if (live()) return; // I am in a call: the server answers "busy" without ringing me.
    const from = data.from || '';
    setCall(
      newCall({
        callId: data.callId,
        chatId: data.chatId || null,
        callType: data.callType === 'video' ? 'video' : 'audio',
        role: 'callee',
        state: 'incoming',
        peerId: from,
        peerName: nameOf(from),
        note: 'Incoming…',
        remoteVideo: data.callType === 'video',
      }),
    );
    startRinging();
  }

  /**
   * The callee took it on one device: this (caller's) device makes the offer. Told again once accepted (the callee
   * came back on a new connection, or this page did and its call:accept says accepted): a new offer on the same peer
   * connection, with an ICE restart, so that both sides look for a path anew; its picture and sound go on meanwhile.
   */
  async function onAccepted() {
    const current = call;
    if (!current || current.role !== 'caller' || gone(current) || !current.pc) return;
    if (!current.accepted) {
      current.accepted = true;
      current.state = 'connecting';
      current.note = 'Connecting…';
      current.remoteVideo = current.callType === 'video';
      render();
    }
    const again = current.offered;
    current.offered = true;
    announceControls(current);
    try {
      const offer = await current.pc.createOffer(again ? { iceRestart: true } : {});
      if (gone(current)) return;
      await current.pc.setLocalDescription(offer);
      if (gone(current)) return;
      relay('call:offer', { callId: current.callId, offer: { type: offer.type, sdp: offer.sdp } });
    } catch {
      if (!gone(current)) hangUp('failed');
    }
  }

  /**
   * The caller came back on a new connection (call:rejoined, on the callee's device): what its old connection said
   * is over. Candidates wait for its new offer, which replaces the remote side (see onOffer); sound and picture go
   * on meanwhile over the old path, if it still holds.
   */
  function onRejoined() {
    const current = call;
    if (gone(current)) return;
    current.rejoins += 1;
    current.awaitingOffer = true;
    current.pendingCandidates = [];
    render();
  }

  /**
   * An offer: the first one, or a new one once accepted (an ICE restart of the caller's same peer connection, which
   * this one takes as a renegotiation). After call:rejoined, an offer that does not fit this peer connection (the
   * caller is on another device now, with a peer connection of its own) gets a fresh one on this side.
   */
  async function onOffer(offer) {
    const current = call;
    if (current.ready) await current.ready;
    if (gone(current) || !current.pc) return;
    let pc = current.pc;
    // Two offers at once: the caller's wins, the callee drops its own (not made by this client anyway).
    if (pc.signalingState !== 'stable' && current.role === 'caller') return;
    const description = asDescription(offer, 'offer');
    try {
      try {
        await pc.setRemoteDescription(description);
      } catch (error) {
        if (!current.awaitingOffer || gone(current) || current.pc !== pc) throw error;
        closePeer(pc);
        const servers = await iceServers();
        if (gone(current)) return;
        pc = createPeer(current, servers);
        await pc.setRemoteDescription(description);
      }
      current.awaitingOffer = false;
      await attachLocal(current);
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      if (gone(current)) return;
      relay('call:answer', { callId: current.callId, answer: { type: answer.type, sdp: answer.sdp } });
      await flushCandidates(current);
    } catch {
      if (!gone(current)) hangUp('failed');
    }
  }

  async function onAnswer(answer) {
    const current = call;
    if (!current.pc || current.pc.signalingState !== 'have-local-offer') return;
    // An answer to a new offer after a drop that does not fit (it answered an older one) leaves the connection as
    // it was; the first answer failing fails the call.
    const first = !current.pc.remoteDescription;
    try {
      await current.pc.setRemoteDescription(asDescription(answer, 'answer'));
      await flushCandidates(current);
    } catch {
      if (first && !gone(current)) hangUp('failed');
    }
  }

  async function onCandidate(candidate) {
    const current = call;
    if (current.ready) await current.ready;
    if (gone(current) || !current.pc) return;
    if (!current.pc.remoteDescription || current.awaitingOffer) current.pendingCandidates.push(candidate);
    else await addCandidate(current, candidate);
  }

  /**
   * The socket came back: a call this device is in (accepted, or ringing out from it) is taken up again from the
   * new connection by sending call:accept again, which rebinds my side. Its ack says where the call stands: accepted
   * while I am the caller, this device offers anew (the callee may have taken it meanwhile, its call:accept sent to
   * the old connection; or the path broke with the drop). The server may not have seen the old connection go yet
   * (CALL_STATE): asked once more a moment later; then CALL_STATE still, the call is over for this page, ended on
   * the server too (call:end: the other side need not wait for the grace period); a call the server no longer has
   * (CALL_NOT_FOUND) just ends here.
   */
  async function onSocketOpen(isReconnect) {
    const current = call;
    if (!isReconnect || !current || gone(current) || current.role === 'elsewhere') return;
    if (!current.accepted && !(current.invited && current.state === 'outgoing')) return;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      let ack;
      try {
        ack = await ask('call:accept', { callId: current.callId });
      } catch (error) {
        if (gone(current)) return;
        if (error.code === 'CALL_STATE' && attempt === 0) {
          await new Promise((resolve) => setTimeout(resolve, REBIND_RETRY_MS));
          if (gone(current)) return;
          continue;
        }
        if (error.code === 'CALL_STATE') {
          finish(current, 'failed');
          ask('call:end', { callId: current.callId }).catch(() => {});
        } else if (error.code === 'CALL_NOT_FOUND') {
          finish(current, 'failed');
        }
        // Anything else (no answer, the socket went again): the next open asks again.
        return;
      }
      if (gone(current)) return;
      const answer = (ack && ack.call) || {};
      if (answer.state === 'accepted') {
        if (current.role === 'caller') onAccepted();
      } else if (answer.state && answer.state !== 'ringing') {
        finish(current, answer.outcome || 'failed');
      }
      return;
    }
  }

  /** The page goes away: hang up now rather than leave the other side waiting for the grace period. */
  function onPageHide() {
    if (live() && call.role !== 'elsewhere') {
      emit(call.state === 'incoming' ? 'call:reject' : 'call:end', { callId: call.callId });
    }
  }

  // ------------------------------------------------------------ state and rendering

  function setCall(next) {
    if (call && call !== next) stopMedia(call);
    clearTimeout(endedTimer);
    stopRinging();
    call = next;
    $('#call-panel').dataset.connection = '';
    render();
  }

  /** The call is over on this device; outcome (if known) and a note are shown for a moment. */
  function finish(current, outcome, note) {
    if (call !== current || current.state === 'ended') return;
    stopMedia(current);
    stopRinging();
    stopClock();
    current.state = 'ended';
    current.outcome = outcome || null;
    current.note = note || endedText(current);
    render();
    clearTimeout(endedTimer);
    endedTimer = setTimeout(() => {
      if (call === current) {
        call = null;
        render();
      }
    }, ENDED_SHOWN_MS);
  }

  function endedText(current) {
    switch (current.outcome) {
      case 'completed': {
        // The server's count (from the accept) when it told it; else this page's, from the connection.
        const seconds = Number.isFinite(current.durationSeconds)
          ? current.durationSeconds
          : current.connectedAt > 0
            ? (Date.now() - current.connectedAt) / 1000
            : null;
        return seconds === null ? 'Call ended' : `Call ended · ${formatDuration(seconds)}`;
      }
      case 'rejected':
        return current.role !== 'callee' ? `${current.peerName} declined` : 'Declined';
      case 'missed':
        return current.role !== 'callee' ? 'No answer' : 'Missed call';
      case 'cancelled':
        return current.role !== 'callee' ? 'Cancelled' : 'Missed call';
      case 'busy':
        return `${current.peerName} is busy`;
      case 'failed':
        return 'Call failed';
      default:
        return 'Call ended';
    }
  }

  /** The server said no (or did not answer): the reason as a notice, and the call is over here. */
  function refused(current, error) {
    const text = ERROR_TEXT[error && error.code] || (error && error.message) || 'The call could not be made.';
    toast(text, true);
    finish(current, null, text);
  }

  function stopMedia(current) {
    if (current.local) for (const track of current.local.getTracks()) track.stop();
    if (current.pc) closePeer(current.pc);
    $('#call-local-video').srcObject = null;
    $('#call-remote-video').srcObject = null;
  }

  function startClock() {
    stopClock();
    clockTimer = setInterval(render, 1000);
  }

  function stopClock() {
    clearInterval(clockTimer);
    clockTimer = null;
  }

  /** A soft two-tone ring while a call comes in (silent where the page may not play sound yet). */
  function startRinging() {
    stopRinging();
    try {
      const context = new AudioContext();
      const gain = context.createGain();
      gain.gain.value = 0;
      gain.connect(context.destination);
      const tone = context.createOscillator();
      tone.frequency.value = 440;
      tone.connect(gain);
      tone.start();
      let on = false;
      const timer = setInterval(() => {
        on = !on;
        gain.gain.setTargetAtTime(on ? 0.08 : 0, context.currentTime, 0.02);
      }, 1000);
      ringtone = { context, timer };
    } catch {
      ringtone = null;
    }
  }

  function stopRinging() {
    if (!ringtone) return;
    clearInterval(ringtone.timer);
    ringtone.context.close().catch(() => {});
    ringtone = null;
  }

  function render() {
    const panel = $('#call-panel');
    const current = call;
    for (const button of [$('#call-audio-button'), $('#call-video-button')]) button.disabled = live();
    if (!current) {
      panel.hidden = true;
      panel.dataset.state = 'idle';
      panel.dataset.callId = '';
      panel.dataset.rejoins = '';
      return;
    }
    panel.hidden = false;
    panel.dataset.state = current.state;
    panel.dataset.callId = current.callId;
    panel.dataset.callType = current.callType;
    panel.dataset.role = current.role;
    panel.dataset.outcome = current.outcome || '';
    panel.dataset.rejoins = String(current.rejoins);
    $('#call-peer-name').textContent = current.peerName || 'Call';
    $('#call-kind').textContent = typeName(current.callType);
    const status = current.state === 'connected'
      ? formatDuration((Date.now() - current.connectedAt) / 1000)
      : current.note;
    if ($('#call-status').textContent !== status) $('#call-status').textContent = status;

    const incoming = current.state === 'incoming';
    const inCall = ['outgoing', 'connecting', 'connected'].includes(current.state);
    $('#call-accept-button').hidden = !incoming;
    $('#call-reject-button').hidden = !incoming;
    $('#call-hangup-button').hidden = !inCall;
    const controls = inCall && Boolean(current.local);
    const mute = $('#call-mute-button');
    mute.hidden = !controls;
    mute.disabled = !current.local || current.local.getAudioTracks().length === 0;
    mute.textContent = current.muted ? 'Unmute' : 'Mute';
    mute.setAttribute('aria-pressed', String(current.muted));
    const video = $('#call-camera-button');
    video.hidden = !controls;
    video.textContent = current.videoOn ? 'Camera off' : 'Camera on';
    video.dataset.enabled = String(current.videoOn);

    const remoteNote = [
      current.remoteMuted ? `${current.peerName} is muted` : '',
      inCall && current.callType === 'video' && !current.remoteVideo ? 'camera off' : '',
    ].filter(Boolean);
    const remoteState = $('#call-remote-state');
    remoteState.hidden = remoteNote.length === 0;
    remoteState.textContent = remoteNote.join(' · ');
    remoteState.dataset.muted = String(current.remoteMuted);

    const remoteVideo = $('#call-remote-video');
    const showRemote = inCall && Boolean(current.remote) && current.remoteVideo;
    if (current.remote && remoteVideo.srcObject !== current.remote && inCall) {
      remoteVideo.srcObject = current.remote;
      remoteVideo.play().catch(() => {});
    }
    // Hidden or not, the element plays the sound: a voice call hides the picture only.
    remoteVideo.classList.toggle('call-video-off', !showRemote);
    const localVideo = $('#call-local-video');
    const showLocal = inCall && Boolean(current.local) && current.videoOn;
    if (current.local && localVideo.srcObject !== current.local && inCall) {
      localVideo.srcObject = current.local;
      localVideo.play().catch(() => {});
    }
    localVideo.hidden = !showLocal;
  }

  function wire() {
    $('#call-accept-button').addEventListener('click', accept);
    $('#call-reject-button').addEventListener('click', reject);
    $('#call-hangup-button').addEventListener('click', () => hangUp());
    $('#call-mute-button').addEventListener('click', toggleMute);
    $('#call-camera-button').addEventListener('click', toggleVideo);
    window.addEventListener('pagehide', onPageHide);
  }

  wire();
  render();
  return { start, handleEvent, onSocketOpen, inCall: live };
}
