//! People's data about themselves: everything the platform keeps about a person, handed to them
//! in one document (`GET /me/export`), and leaving with what identifies them (`DELETE /me`).

mod deletion;
mod export;

pub fn configure(cfg: &mut impl crate::http::Register) {
    cfg.service(export::export_me).service(deletion::delete_me);
}
