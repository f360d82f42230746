export * from "./vocabulary.js";
export * from "./target-forms.js";
export * from "./agreement-data.js";
export * from "./api.js";
