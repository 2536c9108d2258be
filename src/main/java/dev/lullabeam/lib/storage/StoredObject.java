package dev.lullabeam.lib.storage;

/**
 * An object as the storage holds it now.
 *
 * @param name its name relative to the storage's folder
 * @param size its length in bytes
 * @param version what changes with every write of it: a bucket's generation number, a local
 *     file's size and modification time in nanoseconds. Only compared for equality.
 */
public record StoredObject(String name, long size, String version) {}
