import "@mantine/core/styles.css";
import "./styles/app.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { MantineProvider, NativeSelect, Textarea, TextInput, createTheme } from "@mantine/core";
import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { queryClient } from "./api/query-client";
import { router } from "./routes/router";

// The theme stays Mantine's default so every colour variable comes from the static style sheets
// (styles.css and app.css): the server's Content-Security-Policy allows no inline <style> or <script>.
// Fields are required unless their label says "(optional)", so no asterisks (which would also
// become part of each label's text).
const noAsterisk = { defaultProps: { withAsterisk: false } };
const theme = createTheme({
  components: { TextInput: TextInput.extend(noAsterisk), Textarea: Textarea.extend(noAsterisk), NativeSelect: NativeSelect.extend(noAsterisk) },
});

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element");

createRoot(container).render(
  <StrictMode>
    <MantineProvider theme={theme} forceColorScheme="light" withCssVariables={false} withGlobalClasses={false}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
