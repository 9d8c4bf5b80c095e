//! The style guide: tokens (type, colour, spacing), then every component in its states. Its words are the
//! design system's own (component names), shown in the page's language where they are the app's words.

use super::api::style_guide_access;
use crate::components::{raw_text::PageTitle, status::ErrorPanel};
use crate::i18n::use_messages;
use crate::islands::island_hydrated;
use leptos::prelude::*;

/// The colour tokens, each with the class that paints its swatch.
const COLOURS: [(&str, &str); 10] = [
    ("--ink", "swatch-ink"),
    ("--muted", "swatch-muted"),
    ("--brand", "swatch-brand"),
    ("--accent", "swatch-accent"),
    ("--focus", "swatch-focus"),
    ("--danger", "swatch-danger"),
    ("--line", "swatch-line"),
    ("--control", "swatch-control"),
    ("--paper", "swatch-paper"),
    ("--wash", "swatch-wash"),
];

/// `/gaya`.
#[island(lazy)]
pub fn StyleGuidePage() -> impl IntoView {
    island_hydrated();
    let m = use_messages();
    let access = Resource::new(|| (), |_| style_guide_access());
    view! {
        <PageTitle text="Gaya · Budaya" />
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match access.await {
                    Ok(()) => view! { <Components /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Components() -> impl IntoView {
    view! {
        <h1>"Gaya Budaya"</h1>
        <p class="lead">"Token dan komponen tampilan Budaya: satu lembar gaya, tanpa gaya sebaris."</p>

        <section class="card" aria-labelledby="gaya-huruf">
            <h2 id="gaya-huruf">"Huruf"</h2>
            <p class="text-2xl">"Judul halaman (--text-2xl)"</p>
            <p class="text-xl">"Judul bagian (--text-xl)"</p>
            <p class="text-lg">"Judul kartu, pengantar (--text-lg)"</p>
            <p>"Teks isi (--text-md), 16 px"</p>
            <p class="text-sm">"Tabel, label (--text-sm)"</p>
            <p class="text-xs muted">"Catatan terkecil (--text-xs), 13 px"</p>
        </section>

        <section class="card" aria-labelledby="gaya-warna">
            <h2 id="gaya-warna">"Warna"</h2>
            <ul class="swatches">
                {COLOURS
                    .into_iter()
                    .map(|(token, class)| view! {
                        <li><span class=format!("swatch {class}") aria-hidden="true"></span><code>{token}</code></li>
                    })
                    .collect_view()}
            </ul>
        </section>

        <section class="card" aria-labelledby="gaya-tombol">
            <h2 id="gaya-tombol">"Tombol dan tautan"</h2>
            <p class="inline-form">
                <button type="button">"Simpan"</button>
                <button type="button" class="secondary">"Batal"</button>
                <button type="button" disabled=true>"Tidak tersedia"</button>
                <a class="button" href="#gaya-tombol">"Tautan sebagai tombol"</a>
                <button type="button" class="link-button">"Tombol sebagai tautan"</button>
                <a href="#gaya-tombol">"Tautan biasa"</a>
            </p>
        </section>

        <section class="card" aria-labelledby="gaya-formulir">
            <h2 id="gaya-formulir">"Formulir dan kesalahan"</h2>
            <div class="error-summary" role="group" aria-labelledby="gaya-ringkasan">
                <h3 id="gaya-ringkasan">"Ada yang perlu diperbaiki"</h3>
                <ul><li><a href="#gaya-judul">"Judul kegiatan wajib diisi."</a></li></ul>
            </div>
            <form class="grid-form" action="#" novalidate=true>
                <div class="field">
                    <label for="gaya-judul">"Judul kegiatan"</label>
                    <p class="field-error" id="gaya-judul-salah">
                        <span class="visually-hidden">"Kesalahan: "</span>
                        "Judul kegiatan wajib diisi."
                    </p>
                    <input id="gaya-judul" name="judul" aria-invalid="true" aria-describedby="gaya-judul-salah" />
                </div>
                <label>"Jenis" <select name="jenis"><option>"Apel"</option><option>"Rapat rutin"</option></select></label>
                <label>"Tanggal" <input type="date" name="tanggal" /></label>
                <label class="wide">"Uraian" <textarea name="uraian"></textarea></label>
                <fieldset class="wide">
                    <legend>"Nilai yang diterapkan"</legend>
                    <label class="check"><input type="checkbox" name="nilai" />"1.1 Komitmen"</label>
                    <label class="check"><input type="checkbox" name="nilai" checked=true />"11.1 Disiplin"</label>
                </fieldset>
            </form>
            <p class="form-error">"Kesalahan formulir tanpa kolom (mis. bentrok dengan data lain)."</p>
        </section>

        <section class="card" aria-labelledby="gaya-status">
            <h2 id="gaya-status">"Status dan pita indeks"</h2>
            <p class="inline-form">
                <span class="badge state-draft">"Draf"</span>
                <span class="badge state-submitted">"Diajukan"</span>
                <span class="badge state-returned">"Dikembalikan"</span>
                <span class="badge state-accepted">"Disetujui"</span>
                <span class="band band-baik">"Baik"</span>
                <span class="band band-cukup">"Cukup"</span>
                <span class="band band-kurang">"Kurang"</span>
                <span class="band band-sangatkurang">"Sangat kurang"</span>
            </p>
            <p class="notice">"Pemberitahuan: sesuatu yang perlu diketahui sebelum melanjutkan."</p>
            <p class="empty">"Keadaan kosong: belum ada data."</p>
        </section>

        <section class="card" aria-labelledby="gaya-tabel">
            <h2 id="gaya-tabel">"Tabel dan fakta"</h2>
            <div class="table-wrap" role="region" aria-label="Contoh tabel" tabindex="0">
                <table class="data">
                    <thead><tr><th scope="col">"OPD"</th><th scope="col" class="number">"Kegiatan"</th><th scope="col">"Status"</th></tr></thead>
                    <tbody>
                        <tr><td>"Dinas Lingkungan Hidup"</td><td class="number">"42"</td><td><span class="badge state-accepted">"Disetujui"</span></td></tr>
                        <tr><td>"Dinas Kependudukan dan Pencatatan Sipil"</td><td class="number">"7"</td><td><span class="badge state-submitted">"Diajukan"</span></td></tr>
                    </tbody>
                </table>
            </div>
            <dl class="facts">
                <dt>"SK"</dt><dd>"800/112/DLH/I/2026"</dd>
                <dt>"Anggota"</dt><dd>"7 orang"</dd>
            </dl>
            <ul class="todo">
                <li class="todo-item"><span class="badge state-returned">"Segera"</span><a href="#gaya-tabel">"Butir pekerjaan yang mendesak"</a></li>
                <li class="todo-item"><a href="#gaya-tabel">"Butir pekerjaan biasa"</a></li>
            </ul>
            <ol class="funnel">
                <li><span>"Diajukan"</span><meter min="0" max="10" value="7">"7"</meter><span>"7"</span></li>
            </ol>
        </section>
    }
}
