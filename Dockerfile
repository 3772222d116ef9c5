# syntax=docker/dockerfile:1

# Build: compile TypeScript with the full dependency set.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Runtime: production dependencies, the compiled App, the rule docs the comments link to, and the
# manifest Probot's setup page reads.
FROM node:20-slim
ENV NODE_ENV=production
# Probot listens on localhost unless told otherwise, which nothing outside the container reaches.
ENV HOST=0.0.0.0
ENV PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY docs ./docs
COPY app.yml ./
USER node
EXPOSE 3000
# Probot answers GET /ping with PONG; the slim image has no curl, but it has node.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/ping').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["npm", "start"]
