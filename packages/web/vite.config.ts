import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The API is served by packages/server; in development Vite forwards /api to it.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/api": { target: "http://127.0.0.1:3000", changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    // The vendor chunk (React, Mantine, TanStack, zod) is about 155 kB gzipped and cached apart.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // React, Mantine, TanStack and zod change rarely: one cacheable chunk apart from the app.
        // ECharts (and its zrender) is loaded with the first chart, not by every page.
        codeSplitting: {
          groups: [
            { name: "charts", test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 2 },
            { name: "vendor", test: /node_modules/, priority: 1 },
          ],
        },
      },
    },
  },
});
