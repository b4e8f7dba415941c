# syntax=docker/dockerfile:1
# One image for web (gunicorn), worker and beat (Celery); see docker-compose.yml.

# Front-end libraries from the npm registry, as `make install` does.
FROM node:20-bookworm-slim AS frontend
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM python:3.11-slim-bookworm AS app
# Keep UV_VERSION equal to the uv pin in pyproject.toml (tests/fkblkk/test_compose.py checks it).
ARG UV_VERSION=0.13.8
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    PATH=/app/.venv/bin:$PATH
RUN pip install --no-cache-dir "uv==${UV_VERSION}"
# WeasyPrint (the dashboard's PDF report) draws text with pango and harfbuzz, in DejaVu.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Dependencies first: this layer is rebuilt only when the lock file changes.
COPY pyproject.toml uv.lock ./
RUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-dev --no-install-project

COPY --from=frontend /build/node_modules ./node_modules
COPY . .

# The image runs with DEBUG off; this key only lets the settings load for collectstatic.
ENV DEBUG=false
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput

RUN useradd --system --no-create-home --home-dir /app --uid 10001 fkblkk \
    && mkdir -p var/media \
    && chown -R fkblkk:fkblkk var
USER fkblkk

EXPOSE 8000
CMD ["gunicorn", "fkblkk.wsgi", "-c", "gunicorn.conf.py"]
