// Types for build-stamp.mjs, which stays plain JavaScript because it runs before anything is compiled.
export declare const repositoryRoot: string;
export declare const stampFile: string;
export declare const serverBundle: string;
export declare const webIndex: string;
export declare const inputs: { web: string[]; server: string[] };
export declare function hashSources(root: string, paths: readonly string[]): string;
export interface PartStamp {
  hash: string;
  builtAt: string;
  buildMs: number;
  /** The server's output files, so the next build keeps them for a server still running. */
  files?: string[];
}
export interface Stamp {
  web?: PartStamp;
  server?: PartStamp;
}
export declare function readStamp(): Stamp;
export declare function outputExists(part: "web" | "server"): boolean;
export declare function isCurrent(part: "web" | "server", stamp?: Stamp): boolean;
