/**
 * Type 2, leave: the user quits. Closing the session makes the hub tell
 * everyone else "name left".
 */
import type { Handler } from '../dispatcher.ts';

/** Closes the connection at the user's request. */
export const handleLeave: Handler = ({ session }) => {
  session.log.info('quit');
  session.close();
};
