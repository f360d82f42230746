import { Loader } from "@mantine/core";

export function Loading({ label }: { label: string }) {
  return (
    <div role="status" className="loading">
      <Loader size="sm" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
