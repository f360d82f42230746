import { ApiRequestError } from "../api/client";

/** What went wrong, in words, announced at once (role="alert"). */
export function ErrorState({ error, what }: { error: unknown; what: string }) {
  const notFound = error instanceof ApiRequestError && error.notFound;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div role="alert" className="error-state">
      <p className="error-state__title">{notFound ? `We could not find ${what}.` : `Sorry, ${what} could not be loaded.`}</p>
      <p>{message}</p>
      {!notFound ? <p>Try again in a moment. If it keeps happening, tell the partnership office.</p> : null}
    </div>
  );
}
