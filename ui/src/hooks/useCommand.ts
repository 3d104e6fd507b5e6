// One backend command as a screen uses it: its answer, its error and whether it is running, in one
// place. A newer call wins: the answer of an older one that comes late is dropped (page quickly
// and page 1's answer never overwrites page 2), and nothing is set after the screen is gone.
import { useCallback, useEffect, useRef, useState } from "react";
import { asInfo } from "../backend";
import type { ErrorInfo } from "../bindings/ErrorInfo";

/** How a call ended: its answer, its error, or `stale` when a newer call (or unmounting) overtook it. */
export type Outcome<T> = { kind: "ok"; value: T } | { kind: "error"; error: ErrorInfo } | { kind: "stale" };

export interface CommandState<T> {
  data: T | null;
  error: ErrorInfo | null;
  loading: boolean;
}

export function useCommand<A extends unknown[], T>(command: (...args: A) => Promise<T>) {
  const [state, setState] = useState<CommandState<T>>({ data: null, error: null, loading: false });
  const latest = useRef(0);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const run = useCallback(
    async (...args: A): Promise<Outcome<T>> => {
      const id = ++latest.current;
      const current = () => live.current && id === latest.current;
      setState((s) => ({ ...s, loading: true, error: null }));
      try {
        const value = await command(...args);
        if (!current()) return { kind: "stale" };
        setState({ data: value, error: null, loading: false });
        return { kind: "ok", value };
      } catch (e) {
        if (!current()) return { kind: "stale" };
        const error = asInfo(e);
        setState((s) => ({ ...s, error, loading: false }));
        return { kind: "error", error };
      }
    },
    [command],
  );

  /** Forgets the answer and the error (a dismissed banner), dropping any call still running. */
  const reset = useCallback(() => {
    latest.current++;
    setState({ data: null, error: null, loading: false });
  }, []);

  const setError = useCallback((error: ErrorInfo | null) => setState((s) => ({ ...s, error })), []);

  return { ...state, run, reset, setError };
}
