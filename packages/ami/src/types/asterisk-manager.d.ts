/**
 * Types for asterisk-manager 0.2.0 (none are published). Only what Yixian uses.
 * Behaviour notes: keys of incoming messages are lower-cased; `chanvariable` and
 * `variable` become objects; repeated keys become arrays; an action sent while the
 * socket is down is silently dropped (see packages/ami/README.md).
 */
declare module 'asterisk-manager' {
  export type ManagerValue = string | string[] | Record<string, string>;
  export type ManagerMessage = Record<string, ManagerValue | undefined> & {
    event?: string;
    response?: string;
    actionid?: string;
  };
  export type ManagerActionFields = Record<string, string | number | boolean | string[] | Record<string, string> | undefined>;

  export interface ManagerInstance {
    options: { port: number | undefined; host: string; username: string; password: string; events: boolean };
    connect(port: number, host: string, callback?: (err: null) => void): void;
    /** Logs in with the constructor's credentials; `err` is the `Response: Error` message. */
    login(callback?: (err?: ManagerMessage) => void): void;
    /** Sends an action; the callback fires once with the Response (err set when it is an Error). */
    action(action: ManagerActionFields, callback?: (err: ManagerMessage | undefined, response: ManagerMessage) => void): string;
    disconnect(callback?: () => void): void;
    isConnected(): boolean;
    keepConnected(): void;
    on(event: string, listener: (...args: any[]) => void): ManagerInstance;
    once(event: string, listener: (...args: any[]) => void): ManagerInstance;
    removeListener(event: string, listener: (...args: any[]) => void): ManagerInstance;
    removeAllListeners(event?: string): ManagerInstance;
    listeners(event: string): Array<(...args: any[]) => void>;
  }

  interface ManagerFactory {
    new (port?: number, host?: string, username?: string, password?: string, events?: boolean): ManagerInstance;
    (port?: number, host?: string, username?: string, password?: string, events?: boolean): ManagerInstance;
  }
  const Manager: ManagerFactory;
  export default Manager;
}
