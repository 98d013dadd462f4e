# One image for every service; SERVICE picks which one runs (docker-compose.yml sets it).
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY tsconfig.base.json tsconfig.json ./
COPY libs ./libs
COPY apps ./apps
ENV SWC_NODE_PROJECT=/app/tsconfig.json
ARG SERVICE=sales-installation
ENV SERVICE=${SERVICE}
USER node
CMD ["sh", "-c", "exec node -r @swc-node/register apps/${SERVICE}/src/main.ts"]
