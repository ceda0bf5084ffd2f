/**
 * Connects a ChatSession to a ChatStore: frames become lines, a login
 * asks for the online list and the ranking, activity refreshes the
 * ranking (throttled, see rank-refresh.ts, and also on a timer), mentions
 * ring the bell, connection changes are told in the messages pane, and
 * the online list is emptied while offline.
 */
import { MessageType } from '../../shared/protocol.ts';
import type { ChatSession, LinkState } from '../net/chat-session.ts';
import type { ChatStore } from './chat-store.ts';
import type { LastSeenFile } from './last-seen.ts';
import { createRankRefresh, RANK_REFRESH_REF } from './rank-refresh.ts';

/** Timing and side effects, injectable for tests. */
export interface BridgeOptions {
  onBell?: () => void;
  /** Wait after activity before asking for the ranking; least gap too. */
  rankThrottleMs?: number;
  /** Ask for the ranking this often regardless of activity. */
  rankEveryMs?: number;
  /** Where the newest seen message is remembered between runs. */
  lastSeen?: LastSeenFile;
  saveEveryMs?: number;
}

/** Wires session events into the store; returns a function that unwires. */
export function bridgeSession(
  session: ChatSession,
  store: ChatStore,
  options: BridgeOptions = {},
): () => void {
  const { onBell, rankThrottleMs, rankEveryMs = 30_000 } = options;
  const { lastSeen, saveEveryMs = 5000 } = options;
  let lastLink: LinkState = session.link;

  const rank = createRankRefresh(
    () => session.send(MessageType.Rank, { Ref: RANK_REFRESH_REF }),
    { throttleMs: rankThrottleMs },
  );
  const timer = setInterval(() => rank.activity(), rankEveryMs);
  timer.unref();

  let saved = store.getState().newest;
  const saveSeen = () => {
    const { me, newest } = store.getState();
    if (!lastSeen || me === '' || !newest || newest === saved) return;
    saved = newest;
    lastSeen.save(me, newest);
  };
  const saver = setInterval(saveSeen, saveEveryMs);
  saver.unref();

  const onLoggedIn = (name: string, isRelogin: boolean) => {
    if (!isRelogin && lastSeen) store.setLastSeen(lastSeen.load(name));
    store.loggedIn(name);
    if (isRelogin) store.addNotice('notice', 'Reconnected.');
    session.send(MessageType.List);
    rank.reset();
    rank.now();
  };
  const onMessage = (frame: Parameters<ChatStore['receive']>[0]) => {
    const result = store.receive(frame);
    if (result.isMention) onBell?.();
    const isRankAnswer =
      frame.Type === MessageType.Rank || frame.Ref === RANK_REFRESH_REF;
    if (isRankAnswer) rank.replied();
    if (result.isActivity && !frame.History) rank.activity();
  };
  const onLink = (link: LinkState) => {
    const wasOnline = lastLink.kind === 'online';
    lastLink = link;
    if (link.kind === 'offline') {
      store.clearUsers();
      rank.reset();
    }
    if (wasOnline && link.kind === 'offline') {
      const retry = link.retryAt === null ? '' : ' Reconnecting…';
      store.addNotice('error', `Connection lost: ${link.reason}.${retry}`);
      store.linkLost();
    }
  };
  const onRefused = (reason: string) => {
    if (store.getState().me !== '') store.addNotice('error', reason);
  };
  const onNotice = (text: string) => store.addNotice('notice', text);

  session.on('loggedIn', onLoggedIn);
  session.on('message', onMessage);
  session.on('link', onLink);
  session.on('refused', onRefused);
  session.on('notice', onNotice);
  return () => {
    session.off('loggedIn', onLoggedIn);
    session.off('message', onMessage);
    session.off('link', onLink);
    session.off('refused', onRefused);
    session.off('notice', onNotice);
    clearInterval(timer);
    clearInterval(saver);
    saveSeen();
    rank.stop();
  };
}
