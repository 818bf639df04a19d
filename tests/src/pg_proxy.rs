//! A TCP proxy between the server and PostgreSQL that a test can cut and restore, to simulate a
//! database outage without stopping the PostgreSQL that other tests share.

use std::io;
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

pub struct PgProxy {
    listen: SocketAddr,
    upstream: SocketAddr,
    running: Option<Running>,
}

struct Running {
    stop: Arc<AtomicBool>,
    connections: Arc<Mutex<Vec<TcpStream>>>,
    acceptor: JoinHandle<()>,
}

impl PgProxy {
    /// Starts forwarding a free local port to `upstream`.
    pub fn start(upstream: SocketAddr) -> PgProxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind proxy");
        let listen = listener.local_addr().expect("proxy addr");
        let mut proxy = PgProxy {
            listen,
            upstream,
            running: None,
        };
        proxy.running = Some(proxy.serve(listener));
        proxy
    }

    pub fn port(&self) -> u16 {
        self.listen.port()
    }

    /// The database becomes unreachable: new connections are refused, open ones are cut.
    pub fn cut(&mut self) {
        if let Some(running) = self.running.take() {
            running.stop.store(true, Ordering::SeqCst);
            let _ = running.acceptor.join();
            for conn in running.connections.lock().expect("lock").drain(..) {
                let _ = conn.shutdown(Shutdown::Both);
            }
        }
    }

    /// The database is reachable again, on the same port.
    pub fn restore(&mut self) {
        if self.running.is_none() {
            let listener = TcpListener::bind(self.listen).expect("rebind proxy port");
            self.running = Some(self.serve(listener));
        }
    }

    fn serve(&self, listener: TcpListener) -> Running {
        listener.set_nonblocking(true).expect("nonblocking");
        let stop = Arc::new(AtomicBool::new(false));
        let connections = Arc::new(Mutex::new(Vec::new()));
        let upstream = self.upstream;
        let (stop_flag, registry) = (Arc::clone(&stop), Arc::clone(&connections));
        let acceptor = std::thread::spawn(move || {
            while !stop_flag.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((client, _)) => {
                        if let Err(err) = pipe(client, upstream, &registry) {
                            eprintln!("pg proxy: {err}");
                        }
                    }
                    Err(err) if err.kind() == io::ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(10));
                    }
                    Err(err) => eprintln!("pg proxy accept: {err}"),
                }
            }
            // Dropping the listener here closes the port: connecting now gets "refused".
        });
        Running {
            stop,
            connections,
            acceptor,
        }
    }
}

fn pipe(client: TcpStream, upstream: SocketAddr, registry: &Mutex<Vec<TcpStream>>) -> io::Result<()> {
    client.set_nonblocking(false)?;
    let server = TcpStream::connect(upstream)?;
    registry
        .lock()
        .expect("lock")
        .extend([client.try_clone()?, server.try_clone()?]);
    for (mut from, mut to) in [(client.try_clone()?, server.try_clone()?), (server, client)] {
        std::thread::spawn(move || {
            let _ = io::copy(&mut from, &mut to);
            let _ = to.shutdown(Shutdown::Both);
        });
    }
    Ok(())
}

impl Drop for PgProxy {
    fn drop(&mut self) {
        self.cut();
    }
}
