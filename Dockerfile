# syntax=docker/dockerfile:1
# The Loyalty API image: one image for every role (API, migrations, jobs, webhook
# worker); docker-compose.yml picks the command.
#
#   docker build -t loyalty-api .
#   docker run -e DATABASE_URL=… -e JWT_KEYS=… -e WEBHOOK_SECRET_KEY=… -p 8000:8000 loyalty-api
#
# Needs BuildKit (the default builder since Docker 23.0) for RUN --mount.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- build: the project and every dependency as wheels --------------------------
# The dependencies come from requirements.lock (exact versions, every file's sha256:
# `make lock` regenerates it), so two builds of one commit install the same bytes;
# the project's own wheel is built with --no-deps, so nothing unlocked slips in.
FROM ${PYTHON_IMAGE} AS build
WORKDIR /src
COPY requirements.lock pyproject.toml README.md ./
COPY loyalty_api ./loyalty_api
RUN pip wheel --no-cache-dir --disable-pip-version-check --require-hashes --wheel-dir /wheels -r requirements.lock \
    && pip wheel --no-cache-dir --disable-pip-version-check --no-deps --wheel-dir /wheels .

# --- runtime: the wheels installed into a clean image, run as a non-root user ---
FROM ${PYTHON_IMAGE} AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    ALEMBIC_CONFIG=/app/alembic.ini \
    BIND=0.0.0.0:8000
RUN groupadd --system --gid 10001 loyalty \
    && useradd --system --uid 10001 --gid loyalty --home-dir /app --no-create-home --shell /usr/sbin/nologin loyalty
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    pip install --no-cache-dir --disable-pip-version-check --no-index --no-deps /wheels/*.whl
WORKDIR /app
COPY alembic.ini ./
COPY migrations ./migrations
USER 10001:10001
EXPOSE 8000
# gunicorn finishes in-flight requests on SIGTERM (graceful_timeout in gunicorn_conf).
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"]
CMD ["gunicorn", "--config", "python:loyalty_api.gunicorn_conf", "loyalty_api.wsgi:app"]
