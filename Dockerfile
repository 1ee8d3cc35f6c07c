# The apiposture CLI and server. Build: docker build -t apiposture .
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY schema ./schema
COPY queries ./queries
COPY examples ./examples
USER node
WORKDIR /home/node
ENTRYPOINT ["node", "/app/dist/cli/main.js"]
CMD ["--help"]
