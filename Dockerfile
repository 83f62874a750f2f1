# Production image: `docker compose up --build` (see docker-compose.yml and README.md).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
# npm ci also writes public/places.tsv (scripts/make-places.mjs), in the format lib/places defines.
COPY lib/places ./lib/places
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0
COPY --from=build --chown=node:node /app ./
USER node
EXPOSE 3000
# Applies pending migrations, then serves. DATABASE_URL and AUTH_SECRET come from the environment.
CMD ["node", "scripts/start.mjs"]
