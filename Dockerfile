# One image for every service; SERVICE picks which one runs (docker-compose.yml sets it). The console's
# single-page app is built in a first stage (Vite is a development dependency) and only its files are kept.
FROM node:24-bookworm-slim AS console-build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY tools/console-build.js ./tools/
COPY apps/console ./apps/console
RUN node tools/console-build.js

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY tsconfig.base.json tsconfig.json ./
COPY libs ./libs
COPY apps ./apps
COPY --from=console-build /app/apps/console/dist ./apps/console/dist
ENV SWC_NODE_PROJECT=/app/tsconfig.json
ARG SERVICE=sales-installation
ENV SERVICE=${SERVICE}
USER node
CMD ["sh", "-c", "exec node -r @swc-node/register apps/${SERVICE}/src/main.ts"]
