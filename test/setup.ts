// Shared test setup. Component tests opt into happy-dom with a `// @vitest-environment happy-dom` docblock.
export {};
