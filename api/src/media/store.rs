//! Where media bytes live. `object_store` gives one interface over a local folder (the default,
//! under `DATA_DIR`) and S3-compatible buckets (for several replicas, `--features s3`), so the
//! code that uploads and serves media is the same for both.

use std::sync::Arc;

use actix_web::web::Bytes;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};

use crate::config::MediaStoreUrl;
use crate::error::ApiError;

#[derive(Clone)]
pub struct MediaStore {
    inner: Arc<dyn ObjectStore>,
    /// Shown in logs and errors.
    name: String,
}

impl MediaStore {
    /// Opens (and for a folder, creates) the configured store.
    pub fn open(url: &MediaStoreUrl) -> Result<Self, String> {
        match url {
            MediaStoreUrl::Local(dir) => {
                std::fs::create_dir_all(dir)
                    .map_err(|err| format!("cannot create the media folder {}: {err}", dir.display()))?;
                let store = object_store::local::LocalFileSystem::new_with_prefix(dir)
                    .map_err(|err| format!("cannot use the media folder {}: {err}", dir.display()))?;
                Ok(MediaStore {
                    inner: Arc::new(store),
                    name: dir.display().to_string(),
                })
            }
            #[cfg(feature = "s3")]
            MediaStoreUrl::S3 { bucket, prefix } => {
                let store = object_store::aws::AmazonS3Builder::from_env()
                    .with_bucket_name(bucket)
                    .build()
                    .map_err(|err| format!("cannot use the bucket {bucket}: {err}"))?;
                let store: Arc<dyn ObjectStore> = match prefix.is_empty() {
                    true => Arc::new(store),
                    false => Arc::new(object_store::prefix::PrefixStore::new(store, prefix.as_str())),
                };
                Ok(MediaStore {
                    inner: store,
                    name: format!("s3://{bucket}/{prefix}"),
                })
            }
            #[cfg(not(feature = "s3"))]
            MediaStoreUrl::S3 { .. } => {
                Err("this build has no S3 support: build with `--features s3`".into())
            }
        }
    }

    pub async fn put(&self, key: &str, bytes: Bytes) -> Result<(), ApiError> {
        self.inner
            .put(&Path::from(key), PutPayload::from(bytes))
            .await
            .map(drop)
            .map_err(|err| self.failure("store", key, &err))
    }

    /// The bytes under `key`, or `None` if the store has none.
    pub async fn get(&self, key: &str) -> Result<Option<Bytes>, ApiError> {
        let fetched = match self.inner.get(&Path::from(key)).await {
            Ok(result) => result.bytes().await,
            Err(object_store::Error::NotFound { .. }) => return Ok(None),
            Err(err) => Err(err),
        };
        fetched.map(Some).map_err(|err| self.failure("read", key, &err))
    }

    /// Removes `key`; a missing object is not an error (the goal is that it is gone).
    pub async fn delete(&self, key: &str) -> Result<(), ApiError> {
        match self.inner.delete(&Path::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(err) => Err(self.failure("delete", key, &err)),
        }
    }

    /// The store is infrastructure: its failures are the server's, logged with their cause.
    fn failure(&self, action: &str, key: &str, err: &object_store::Error) -> ApiError {
        log::error!("media store {}: cannot {action} {key}: {err}", self.name);
        ApiError::unavailable("the media store is unavailable; try again shortly")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn a_folder_store_keeps_returns_and_forgets_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let store = MediaStore::open(&MediaStoreUrl::Local(dir.path().join("media"))).unwrap();
        assert_eq!(store.get("abc").await.unwrap(), None);
        store
            .put("abc", Bytes::from_static(b"image bytes"))
            .await
            .unwrap();
        assert!(dir.path().join("media/abc").is_file(), "kept under the folder");
        assert_eq!(
            store.get("abc").await.unwrap(),
            Some(Bytes::from_static(b"image bytes"))
        );
        store.delete("abc").await.unwrap();
        store.delete("abc").await.unwrap();
        assert_eq!(store.get("abc").await.unwrap(), None);
    }
}
