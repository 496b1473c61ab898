/**
 * A minimal GraphQL-over-HTTP POST. graphql-request would add ~14 kB gzip (it bundles graphql's parser to read
 * the operation name) to a bundle injected into every Stash page; this does the same request in a few lines.
 */
export class GraphqlResponseError extends Error {
  readonly isGraphqlResponseError = true;
  constructor(
    readonly status: number,
    readonly messages: string[],
  ) {
    super(messages.join("; ") || `HTTP ${status}`);
    this.name = "GraphqlResponseError";
  }
}

interface GraphqlBody<T> {
  data?: T | null;
  errors?: { message?: unknown }[];
}

export async function postGraphql<T>(
  url: string,
  fetchFn: typeof fetch,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  const response = await fetchFn(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  let body: GraphqlBody<T> | null = null;
  try {
    body = (await response.json()) as GraphqlBody<T>;
  } catch {
    body = null;
  }
  const messages = (body?.errors ?? []).map((e) =>
    typeof e.message === "string" ? e.message : "unknown error",
  );
  if (!response.ok || messages.length > 0 || body?.data == null) {
    throw new GraphqlResponseError(response.status, messages);
  }
  return body.data;
}
