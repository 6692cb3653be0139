# syntax=docker/dockerfile:1
# The web console: the single-page app built by Vite, served by unprivileged nginx on 8080. The /api/<service>/
# routes are the gateway's (docker/gateway.conf) or the ingress's (deploy/base/web), never this image's.
#   docker build -f docker/web.Dockerfile -t campaign/web .
ARG NODE_IMAGE=node:20-bookworm-slim
ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:1.27-alpine

FROM ${NODE_IMAGE} AS builder
WORKDIR /workspace
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY apps/web ./apps/web
RUN NODE_ENV=production npx vite build -c apps/web/vite.config.mts

FROM ${NGINX_IMAGE} AS runtime
COPY docker/web.conf /etc/nginx/conf.d/default.conf
COPY --from=builder /workspace/dist/apps/web /usr/share/nginx/html
USER 101
EXPOSE 8080
# nginx finishes the requests in flight on SIGQUIT.
STOPSIGNAL SIGQUIT
HEALTHCHECK --interval=15s --timeout=3s --retries=3 CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/index.html"]
