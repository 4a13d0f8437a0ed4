# Two commands on a fresh machine: `make run` and `make test`. Everything else they need is set up here.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-requirements
CHROMIUM := /usr/bin/chromium
PORT ?= 8501

.PHONY: run test soak bench browser office proxy demo sample-data clean deck-pictures

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

# Debian's Chromium drives the browser tests and kaleido's chart images; never a downloaded browser.
browser:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium (browser tests, chart images)..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
			|| echo "warning: could not install chromium; browser tests will be skipped"; \
	else \
		echo "note: $(CHROMIUM) not found and not root: browser tests will be skipped (apt-get install chromium)"; \
	fi

demo: $(STAMP)
	$(PY) -m pmo_data demo --if-empty --create

# Open access on your own machine, said explicitly (the app without any setting stays closed and
# explains why); `make run PMO_AUTH=password` tries the sign-in set in .streamlit/secrets.toml.
PMO_AUTH ?= none

run: $(STAMP) demo
	PMO_AUTH=$(PMO_AUTH) FORWARDED_ALLOW_IPS= $(PY) -m streamlit run app.py --server.port $(PORT) --server.address localhost

# LibreOffice Impress and poppler-utils render the deck to pictures in a test (skipped without them).
office:
	@if command -v soffice >/dev/null && command -v pdftoppm >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing LibreOffice Impress and poppler-utils (the deck rendered to pictures in a test)..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			libreoffice-impress poppler-utils >/dev/null) \
			|| echo "warning: could not install libreoffice-impress / poppler-utils; the deck picture test will be skipped"; \
	else \
		echo "note: soffice or pdftoppm not found and not root: the deck picture test will be skipped"; \
	fi

# nginx runs docs/deploy.md's proxy block in front of a test server (skipped without it).
proxy:
	@if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing nginx (the documented reverse proxy, tested in front of a server)..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null) \
			|| echo "warning: could not install nginx; the proxy test will be skipped"; \
	else \
		echo "note: nginx not found and not root: the proxy test will be skipped"; \
	fi

test: $(STAMP) browser office proxy
	$(PY) -m pytest

# Long runs: a sheet of 1,048,576 rows, many SIGKILLs during imports and KPI rebuilds.
soak: $(STAMP)
	$(PY) -m pytest -m soak

bench: $(STAMP)
	$(PY) -m benchmarks

# Regenerates sample_data/ from its seeded generator (the committed files are its output).
sample-data: $(STAMP)
	$(PY) -m pmo_data.sample_portfolio

clean:
	rm -rf $(VENV) .pytest_cache

# Pictures of two slides of the demo deck for the README (needs Debian's libreoffice-impress and poppler-utils).
deck-pictures: $(STAMP)
	$(PY) -m pmo_data demo --if-empty --create
	$(PY) -m pmo_data export deck --out /tmp/pmo-demo-deck.pptx
	cd /tmp && libreoffice --headless --convert-to pdf pmo-demo-deck.pptx >/dev/null
	pdftoppm -png -r 80 -f 2 -l 3 /tmp/pmo-demo-deck.pdf docs/screenshots/deck
