# Installs jacobi, its course, its manual page and its shell completions under PREFIX.
#
#   make install [PREFIX=/usr/local] [DESTDIR=]   build release and install
#   make uninstall [PREFIX=/usr/local]            remove what install put there
#   make generate                                 regenerate Documentation/jacobi.1 and Completions/
#   make check-generated                          fail when those differ from what the sources generate
#
# The manual page and the completion scripts are generated (swift-argument-parser's generate-manual
# plugin and --generate-completion-script) and committed, so installing needs neither step, and CI
# checks that they are current.

PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
# The manual's date: fixed, so that regenerating it gives the committed page; change it with the version.
MANUAL_DATE = 2026-12-01

bindir = $(DESTDIR)$(PREFIX)/bin
lessondir = $(DESTDIR)$(PREFIX)/share/jacobi/Lessons
mandir = $(DESTDIR)$(PREFIX)/share/man/man1
bashdir = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
zshdir = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
fishdir = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

GENERATED_DIR ?= .
release = $(shell $(SWIFT) build -c release --show-bin-path)

.PHONY: build install uninstall generate check-generated

build:
	$(SWIFT) build -c release --product jacobi

install: build
	install -d "$(bindir)" "$(lessondir)" "$(mandir)" "$(bashdir)" "$(zshdir)" "$(fishdir)"
	install -m 755 "$(release)/jacobi" "$(bindir)/jacobi"
	install -m 644 Lessons/*.md "$(lessondir)/"
	install -m 644 Documentation/jacobi.1 "$(mandir)/jacobi.1"
	install -m 644 Completions/jacobi.bash "$(bashdir)/jacobi"
	install -m 644 Completions/_jacobi "$(zshdir)/_jacobi"
	install -m 644 Completions/jacobi.fish "$(fishdir)/jacobi.fish"

uninstall:
	rm -f "$(bindir)/jacobi" "$(mandir)/jacobi.1" "$(bashdir)/jacobi" "$(zshdir)/_jacobi" "$(fishdir)/jacobi.fish"
	rm -rf "$(DESTDIR)$(PREFIX)/share/jacobi"

# generate-manual builds every product in release mode, then runs jacobi --experimental-dump-help.
generate: build
	mkdir -p "$(GENERATED_DIR)/Documentation" "$(GENERATED_DIR)/Completions"
	$(SWIFT) package plugin generate-manual --date $(MANUAL_DATE)
	cp .build/plugins/GenerateManual/outputs/jacobi/jacobi.1 "$(GENERATED_DIR)/Documentation/jacobi.1"
	"$(release)/jacobi" --generate-completion-script bash > "$(GENERATED_DIR)/Completions/jacobi.bash"
	"$(release)/jacobi" --generate-completion-script zsh > "$(GENERATED_DIR)/Completions/_jacobi"
	"$(release)/jacobi" --generate-completion-script fish > "$(GENERATED_DIR)/Completions/jacobi.fish"

check-generated:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(MAKE) --no-print-directory generate GENERATED_DIR="$$tmp" && \
	diff -u Documentation/jacobi.1 "$$tmp/Documentation/jacobi.1" && \
	diff -ru Completions "$$tmp/Completions" && \
	echo "the manual page and the completion scripts are current"
