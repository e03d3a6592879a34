# Campaign Engine — the README's commands. Needs a JDK >= 21 and make; everything else is fetched
# from Maven Central by the Maven wrapper and libs/devstack.
SHELL := /bin/bash
.DEFAULT_GOAL := help

JAVA_HOME := $(shell bin/find-jdk)
ifeq ($(JAVA_HOME),)
  $(error no JDK >= 21 found (see the message above); set JAVA_HOME to one)
endif
export JAVA_HOME
export PATH := $(JAVA_HOME)/bin:$(PATH)

MVN := ./mvnw -B -ntp

.PHONY: help run stop reset status test build bench smoke clean

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

build: ## compile and package every module (no tests)
	$(MVN) install -DskipTests

run: ## build if needed, then start the whole platform on this machine (no Docker)
	@bin/build-if-needed
	@bin/devstack up

stop: ## stop exactly what `make run` started
	@bin/devstack down

status: ## what is running, where, and its log
	@bin/devstack status

reset: ## wipe the local data directory (.devstack/run); stop first
	@bin/devstack reset

test: ## the whole test suite against real infrastructure started for the run
	@bin/test-all

smoke: ## the done-when scenario of issue 3 against a running `make run`, through the gateway (curl)
	@bin/smoke

bench: ## benchmarks under bench/; figures go to bench/RESULTS.md
	@bench/run-all

clean: ## remove build output (keeps .devstack data)
	$(MVN) -q clean
