package dev.pypidb.pipelines; final class Placeholder {}
